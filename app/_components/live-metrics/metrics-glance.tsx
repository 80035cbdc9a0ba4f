'use client';

import type { MetricsStatus } from '@/lib/client/live-metrics/metrics-connection';
import { formatCount, formatLoss, formatRtt } from '@/lib/client/live-metrics/metric-groups';
import { useNow } from '@/lib/client/use-now';
import { TONE_CLASSES, TONE_OF, describeState, fromLiveStatus } from '../live/transport-state';

const TRANSPORT_WORDS = {
  webtransport: 'WebTransport (HTTP/3 datagrams)',
  websocket: 'WebSocket',
} as const;

/**
 * The panel's one-line answer: which transport carries the samples, at what rate, with what round trip
 * and loss. In words and colour; when not connected it says so and that the charts are stale.
 */
export function MetricsGlance({ status }: { status: MetricsStatus }) {
  const state = fromLiveStatus(status.status);
  const now = useNow(state.kind === 'reconnecting' ? 1_000 : 60_000);
  const tone = TONE_CLASSES[TONE_OF[state.kind]];
  const live = state.kind === 'connected' && status.transport !== null;
  const fallback = status.transport === 'websocket' || (status.transport === null && status.fallbackReason);
  return (
    <div
      data-metrics-state={state.kind}
      data-metrics-transport={status.transport ?? 'none'}
      className={`space-y-1 rounded-lg border px-4 py-3 ${tone.pill}`}
    >
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-base">
        <span aria-hidden="true" className={`size-2.5 rounded-full ${tone.dot}`} />
        <strong className={`font-semibold ${tone.text}`}>
          {live ? `Live over ${TRANSPORT_WORDS[status.transport!]}` : describeState(state, now)}
        </strong>
        {live && (
          <>
            <Dot />
            <span data-rate>{status.rate} Hz</span>
            <Dot />
            <span>
              round trip{' '}
              <strong className="font-semibold tabular-nums" data-rtt>
                {formatRtt(status.rttMs)}
              </strong>
            </span>
            <Dot />
            <span>
              loss{' '}
              <strong className="font-semibold tabular-nums" data-loss>
                {formatLoss(status.lossRatio)}
              </strong>{' '}
              <span className="text-sm text-slate-500 tabular-nums dark:text-slate-400">
                ({formatCount(status.lost)} of {formatCount(status.received + status.lost)})
              </span>
            </span>
            <Dot />
            <span className="tabular-nums" data-samples-per-second>
              {status.samplesPerSecond} samples/s
            </span>
          </>
        )}
        {!live && (
          <span className="text-sm text-slate-600 dark:text-slate-400">
            — charts show the last samples received
          </span>
        )}
      </p>
      {fallback && status.fallbackReason && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-fallback-reason>
          Using the WebSocket fallback: {status.fallbackReason}.
        </p>
      )}
    </div>
  );
}

function Dot() {
  return (
    <span aria-hidden="true" className="text-slate-400">
      ·
    </span>
  );
}
