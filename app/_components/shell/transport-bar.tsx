import Link from 'next/link';
import { ChatIndicator } from '../chat/chat-indicator';
import { WebTransportIndicator } from '../live-metrics/webtransport-indicator';
import { SseIndicator } from '../live/sse-indicator';
import { MqttIndicator } from '../sensors/mqtt-indicator';

/** Indicators folded into the Transports link on a phone. */
const HIDDEN_ON_PHONE = ['Chat', 'MQTT', 'WebTransport'] as const;

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
        <span className="hidden md:contents">
          <MqttIndicator />
        </span>
        <span className="hidden md:contents">
          <WebTransportIndicator />
        </span>
        <Link
          href="/transports"
          className="text-xs text-slate-600 underline underline-offset-2 hover:no-underline md:hidden dark:text-slate-400"
        >
          +{HIDDEN_ON_PHONE.length} more
        </Link>
      </div>
    </div>
  );
}
