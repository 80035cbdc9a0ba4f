import type { AnyLiveEvent } from '@/lib/client/use-live-events';
import { formatClock, formatExact } from '@/lib/client/format-time';
import type { StreamName } from '@/lib/events';

const STREAM_BADGE: Record<StreamName, string> = {
  deploys: 'bg-violet-100 text-violet-800 dark:bg-violet-400/15 dark:text-violet-300',
  logs: 'bg-slate-200 text-slate-800 dark:bg-slate-400/15 dark:text-slate-300',
  monitors: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-400/15 dark:text-emerald-300',
  sensors: 'bg-cyan-100 text-cyan-800 dark:bg-cyan-400/15 dark:text-cyan-300',
  chat: 'bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-400/15 dark:text-fuchsia-300',
  metrics: 'bg-sky-100 text-sky-800 dark:bg-sky-400/15 dark:text-sky-300',
};

/** One raw event: time, type, id and its data, folded to one line and expandable. */
export function EventRow({ event, fresh }: { event: AnyLiveEvent; fresh: boolean }) {
  const json = JSON.stringify(event.data);
  return (
    <li
      data-event-type={event.type}
      className={`border-b border-slate-200 px-3 py-1.5 font-mono text-xs last:border-b-0 dark:border-slate-800 ${fresh ? 'motion-safe:animate-arrive' : ''}`}
    >
      <details className="group">
        <summary className="flex cursor-pointer list-none items-baseline gap-2 [&::-webkit-details-marker]:hidden">
          <time
            dateTime={new Date(event.ts).toISOString()}
            title={formatExact(event.ts)}
            className="shrink-0 text-slate-500 tabular-nums"
          >
            {formatClock(event.ts)}
          </time>
          <span className={`shrink-0 rounded px-1.5 py-px font-medium ${STREAM_BADGE[event.stream]}`}>
            {event.type}
          </span>
          <span
            className="shrink-0 text-slate-400 tabular-nums dark:text-slate-500"
            title={event.id === null ? 'Lossy event: not stored, no id' : 'Event id'}
          >
            {event.id === null ? '—' : `#${event.id}`}
          </span>
          <span className="min-w-0 truncate text-slate-700 group-open:hidden dark:text-slate-300">
            {json}
          </span>
        </summary>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 whitespace-pre-wrap text-slate-800 dark:bg-slate-900 dark:text-slate-200">
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </details>
    </li>
  );
}
