'use client';

import { useState } from 'react';
import { RECENT_CAPACITY, type RecentKey } from '@/lib/client/live-store';
import { useLiveConnection, useRecentEvents, type AnyLiveEvent } from '@/lib/client/use-live-events';
import { EventRow } from './event-row';

const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';

/**
 * The raw recent events of a stream, newest first (at most 200), so a page is never a dead end.
 * Paused, the list holds still and says how many events are waiting.
 */
export function RecentEvents({ stream, title = 'Recent events' }: { stream: RecentKey; title?: string }) {
  const { store } = useLiveConnection();
  const live = useRecentEvents(stream);
  const [frozen, setFrozen] = useState<readonly AnyLiveEvent[] | null>(null);
  // Events already there when the list mounted do not flash; only arrivals do.
  const [mountedAtSeq] = useState(() => store.getRecent(stream)[0]?.seq ?? 0);

  const shown = frozen ?? live;
  const newestShown = shown[0]?.seq ?? 0;
  const waiting = frozen ? live.filter((e) => e.seq > newestShown).length : 0;

  return (
    <section
      aria-labelledby={`recent-${stream}`}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 id={`recent-${stream}`} className="text-sm font-semibold">
          {title}
        </h2>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          newest first · last {RECENT_CAPACITY} kept
        </span>
        <span className="ml-auto flex items-center gap-2">
          {frozen && (
            <span className="text-xs text-amber-700 dark:text-amber-300">
              Paused · {waiting >= RECENT_CAPACITY ? `${RECENT_CAPACITY}+` : waiting} new waiting
            </span>
          )}
          <button
            type="button"
            className={BUTTON}
            aria-pressed={frozen !== null}
            onClick={() => setFrozen(frozen ? null : live)}
          >
            {frozen ? 'Resume' : 'Pause'}
          </button>
        </span>
      </header>
      {shown.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-slate-500 dark:text-slate-400">
          Nothing received since this page loaded. Events appear here the moment they arrive.
        </p>
      ) : (
        <ol className="max-h-[32rem] overflow-y-auto" data-recent-events={stream}>
          {shown.map((event) => (
            <EventRow key={event.seq} event={event} fresh={event.seq > mountedAtSeq} />
          ))}
        </ol>
      )}
    </section>
  );
}
