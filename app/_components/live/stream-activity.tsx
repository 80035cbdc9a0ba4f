'use client';

import type { StreamName } from '@/lib/events';
import { useStreamStats } from '@/lib/client/use-live-events';
import { RelativeTime } from './relative-time';

/** "3 events since load · last 2 min ago" for one stream; updates live. */
export function StreamActivity({ stream, noun = 'event' }: { stream: StreamName; noun?: string }) {
  const { count, lastAt } = useStreamStats(stream);
  return (
    <p className="text-xs text-slate-500 dark:text-slate-400" data-stream-activity={stream}>
      <span className="font-medium text-slate-700 tabular-nums dark:text-slate-200" data-count>
        {count}
      </span>{' '}
      {count === 1 ? noun : `${noun}s`} since load
      {lastAt !== null && (
        <>
          {' · last '}
          <RelativeTime ms={lastAt} />
        </>
      )}
    </p>
  );
}
