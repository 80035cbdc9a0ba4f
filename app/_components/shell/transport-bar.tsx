import Link from 'next/link';
import { ChatIndicator } from '../chat/chat-indicator';
import { WebTransportIndicator } from '../live-metrics/webtransport-indicator';
import { LiveIndicator } from '../live/live-indicator';
import { SseIndicator } from '../live/sse-indicator';

/** Transports built by later issues; each swaps its static state for its client's when it lands. */
const PLANNED = [{ label: 'MQTT', title: 'mqtt://:1883 and /mqtt: arrive with the sensors issue' }] as const;

/**
 * One indicator per transport. On a phone only the live one fits; the others are summed up in a
 * link to the Transports page rather than cut off (the chat's state shows in its panel there).
 */
export function TransportBar() {
  return (
    <div className="border-b border-slate-200 bg-slate-100/70 dark:border-slate-800 dark:bg-slate-900/40">
      <div
        aria-label="Transports"
        role="group"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-1.5 sm:px-6"
      >
        <span className="shrink-0 text-xs font-medium text-slate-500 dark:text-slate-400">Transports</span>
        <SseIndicator announce />
        <span className="hidden md:contents">
          <ChatIndicator />
        </span>
        {PLANNED.map((t) => (
          <span key={t.label} className="hidden md:contents">
            <LiveIndicator label={t.label} state={{ kind: 'not-running' }} title={t.title} />
          </span>
        ))}
        <span className="hidden md:contents">
          <WebTransportIndicator />
        </span>
        <Link
          href="/transports"
          className="text-xs text-slate-600 underline underline-offset-2 hover:no-underline md:hidden dark:text-slate-400"
        >
          +{PLANNED.length} not running yet
        </Link>
      </div>
    </div>
  );
}
