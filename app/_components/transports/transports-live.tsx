'use client';

import Link from 'next/link';
import { glance, windowLabel } from '@/lib/client/transports/cells';
import { useTransports, type TransportsPoll } from '@/lib/client/transports/use-transports';
import { useNow } from '@/lib/client/use-now';
import type { TransportId } from '@/lib/transports/report';
import { TONE_CLASSES, type Tone } from '../live/transport-state';
import { TransportsTable, type Figures } from './transports-table';

function figuresOf(poll: TransportsPoll): Figures {
  const report = poll.kind === 'live' || poll.kind === 'failing' ? poll.report : null;
  if (!report) return 'loading';
  return {
    byId: new Map<TransportId, (typeof report.transports)[number]>(
      report.transports.map((f) => [f.transport, f]),
    ),
    windowSeconds: report.windowSeconds,
  };
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The one-line answer above the table, in words and colour; honest about stale figures. */
function StatusLine({ poll }: { poll: TransportsPoll }) {
  const now = useNow(1_000);
  let tone: Tone;
  let text: string;
  let detail: React.ReactNode = null;
  switch (poll.kind) {
    case 'loading':
      tone = 'idle';
      text = 'Measuring…';
      break;
    case 'live':
      tone = 'good';
      text = glance(poll.report);
      detail = `Updated ${clock(poll.receivedAt)}, every few seconds`;
      break;
    case 'failing': {
      tone = 'bad';
      const seconds = Math.max(0, Math.ceil((poll.retryAt - now) / 1000));
      text = `Disconnected: ${poll.error}`;
      detail = `${now === 0 || seconds === 0 ? 'Retrying…' : `Retrying in ${seconds} s.`} ${
        poll.receivedAt === null
          ? 'No figures yet.'
          : `Figures below are from ${clock(poll.receivedAt)} (stale).`
      }`;
      break;
    }
    case 'signed-out':
      tone = 'bad';
      text = 'Signed out';
      detail = (
        <>
          Your session ended:{' '}
          <Link href="/login?next=/transports" className="underline">
            sign in again
          </Link>{' '}
          to see the figures.
        </>
      );
      break;
  }
  const classes = TONE_CLASSES[tone];
  return (
    <div
      data-testid="transports-status"
      data-state={poll.kind}
      role="status"
      className={`space-y-0.5 rounded-lg border px-4 py-3 ${classes.pill}`}
    >
      <p className="flex items-center gap-2 text-base">
        <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${classes.dot}`} />
        <strong className={`font-semibold ${classes.text}`}>{text}</strong>
      </p>
      {detail && <p className="text-sm text-slate-600 dark:text-slate-400">{detail}</p>}
    </div>
  );
}

/** The Transports comparison, filled from this server's traffic and refreshed while the tab is visible. */
export function TransportsLive() {
  const poll = useTransports();
  const figures = figuresOf(poll);
  const figuresWindow = figures === 'loading' ? 60 : figures.windowSeconds;
  const rateWindow =
    poll.kind === 'live' || (poll.kind === 'failing' && poll.report) ? poll.report!.rateWindowSeconds : 10;
  return (
    <div className="space-y-4">
      <StatusLine poll={poll} />
      <TransportsTable figures={figures} stale={poll.kind === 'failing' || poll.kind === 'signed-out'} />
      <p className="text-xs leading-relaxed text-slate-500 dark:text-slate-400">
        Messages per second are both directions over the last {rateWindow} s; the other figures cover the last{' '}
        {windowLabel(figuresWindow)}. Bytes are what each protocol puts on the wire for a message: the SSE
        frame as written and its HTTP/1.1 chunk header, the WebSocket frame header, the MQTT PUBLISH packet
        with its acknowledgements; for WebTransport, QUIC&apos;s own counters (packet headers,
        acknowledgements and encryption included). TCP/IP and UDP/IP headers are not counted for any. Delivery
        is the server&apos;s share, from arrival or publish to the write to the last socket; the
        network&apos;s share shows in the round trip where the protocol has one.
      </p>
    </div>
  );
}
