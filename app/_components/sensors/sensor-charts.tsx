'use client';

import { useMemo } from 'react';
import { describeLocation } from '@/lib/events/mqtt-topics';
import { MAX_SERIES_PER_METRIC, type SensorRange } from '@/lib/events/sensor-ranges';
import { toRows } from '@/lib/client/sensors/series-buffer';
import type { SeriesResultView } from '@/lib/client/sensors/sensor-schemas';
import { useSeries } from '@/lib/client/sensors/use-series';
import { useStale } from '../deploys/use-stale';
import { MetricChart, type ChartLine } from './metric-chart';
import { SelectionBar } from './selection-bar';

/** Lines drawn per chart; more matching series are counted, not drawn (a chart of 40 lines says nothing). */
const MAX_LINES = MAX_SERIES_PER_METRIC;

/** Charts of the selection: one per metric, a line per device, live or over a range. */
export function SensorCharts({
  initial,
  filter,
  range,
  presets,
}: {
  initial: SeriesResultView;
  filter: string;
  range: SensorRange;
  presets: readonly { label: string; filter: string }[];
}) {
  const { result, loading, error } = useSeries(initial, filter, range);
  const { stale } = useStale();
  const to = range === 'live' ? Math.max(result.to, ...result.series.map((s) => s.lastTs ?? 0)) : result.to;
  let from = to - (result.to - result.from);
  if (range === 'live') {
    // A fresh live view starts at its first point, so a minute of data is not a sliver at the edge.
    const first = Math.min(...result.series.map((s) => s.points[0]?.[0] ?? Infinity));
    if (Number.isFinite(first)) from = Math.max(from, Math.min(first, to - 30_000));
  }

  const charts = useMemo(() => {
    const byMetric = new Map<string, SeriesResultView['series']>();
    for (const s of result.series) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
    return [...byMetric.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([metric, list]) => {
        const drawn = list.slice(0, MAX_LINES);
        // Keys are s0, s1…: recharts reads dots in a dataKey as a path, and ids may contain dots.
        const series = drawn.map((s, i) => ({ key: `s${i}`, label: s.deviceId, points: s.points }));
        const lines: ChartLine[] = drawn.map((s, i) => ({
          key: `s${i}`,
          label: `${s.deviceId}${drawn.some((o) => o !== s && o.deviceId === s.deviceId) ? ` · ${describeLocation(s.location)}` : ''}`,
          last: s.lastValue,
        }));
        return { metric, rows: toRows(series), lines, more: list.length - drawn.length };
      });
  }, [result]);

  return (
    <section aria-labelledby="charts-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="charts-title" className="font-semibold">
          Charts{' '}
          <span className="font-mono text-sm font-normal text-slate-500 dark:text-slate-400">{filter}</span>
        </h2>
        <span aria-live="polite" className="text-xs text-slate-500 dark:text-slate-400">
          {loading ? (
            'Loading…'
          ) : error ? (
            <span className="text-rose-700 dark:text-rose-400">{error}</span>
          ) : (
            `${result.series.length} series${result.more ? ` (+${result.more} not shown)` : ''}`
          )}
        </span>
      </div>
      <SelectionBar filter={filter} range={range} presets={presets} />
      {charts.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          Nothing matches <code className="font-mono">{filter}</code>
          {range === 'live' ? ' in the last 10 minutes' : ' in this range'}. Try{' '}
          <code className="font-mono">sensors/#</code>, or a longer range.
        </p>
      ) : (
        <div className="grid gap-3 xl:grid-cols-2">
          {charts.map((c) => (
            <MetricChart
              key={c.metric}
              metric={c.metric}
              rows={c.rows}
              lines={c.lines}
              from={from}
              to={to}
              more={c.more}
              stale={stale}
            />
          ))}
        </div>
      )}
    </section>
  );
}
