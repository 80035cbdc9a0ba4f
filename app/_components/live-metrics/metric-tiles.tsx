'use client';

import { METRIC_INDEX, type MetricKey } from '@/lib/events/metrics-frames';
import { formatMetric, unitOf } from '@/lib/client/live-metrics/metric-groups';

const TILES: readonly { label: string; keys: readonly MetricKey[]; words: readonly string[] }[] = [
  { label: 'CPU', keys: ['cpu'], words: [''] },
  { label: 'Memory', keys: ['rss', 'heapUsed'], words: ['resident', 'heap'] },
  { label: 'Event-loop delay', keys: ['loopDelayP99'], words: ['p99'] },
  { label: 'GC', keys: ['gcPause', 'gcCount'], words: ['paused', 'runs'] },
  {
    label: 'Connections',
    keys: ['connSse', 'connWs', 'connMqtt', 'connWebtransport'],
    words: ['SSE', 'WS', 'MQTT', 'WT'],
  },
  { label: 'Store', keys: ['storeSize', 'busEvents'], words: ['on disk', 'bus'] },
];

/** The newest figures as numbers, refreshed twice a second (the charts carry the motion). */
export function MetricTiles({ latest }: { latest: Float64Array }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      {TILES.map((tile) => (
        <div
          key={tile.label}
          className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900/60"
        >
          <dt className="text-xs text-slate-500 dark:text-slate-400">{tile.label}</dt>
          <dd className="mt-0.5 flex flex-wrap gap-x-3 text-sm">
            {tile.keys.map((key, i) => (
              <span key={key} data-tile={key}>
                <strong className="text-base font-semibold tabular-nums">
                  {formatMetric(latest[METRIC_INDEX[key]], tile.label === 'Connections' ? '' : unitOf(key))}
                </strong>
                {tile.words[i] && (
                  <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">{tile.words[i]}</span>
                )}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
