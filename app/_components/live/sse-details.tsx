'use client';

import { useSyncExternalStore } from 'react';
import { useLiveConnection, useLiveStats } from '@/lib/client/use-live-events';
import { RelativeTime } from './relative-time';

/** What the SSE connection knows: server version, resume point, events received. */
export function SseDetails() {
  const connection = useLiveConnection();
  const { store } = connection;
  const hello = useSyncExternalStore(store.onHello, store.getHello, () => null);
  const stats = useLiveStats();
  const rows: [string, React.ReactNode][] = [
    ['Server version', hello?.version ?? '—'],
    ['Streams', hello ? hello.streams.join(', ') : '—'],
    ['Resume point (last event id)', connection.lastEventId ?? '—'],
    ['Events since load', stats.total],
    ['Last event', stats.lastAt === null ? '—' : <RelativeTime ms={stats.lastAt} />],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
          <dd className="font-mono text-xs leading-5 break-all text-slate-800 tabular-nums dark:text-slate-200">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
