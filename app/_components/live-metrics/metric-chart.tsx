'use client';

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricKey } from '@/lib/events/metrics-frames';
import type { ChartRow } from '@/lib/client/live-metrics/series-window';
import { formatMetric } from '@/lib/client/live-metrics/metric-groups';

export interface ChartLine {
  key: MetricKey;
  label: string;
  /** An SVG colour value (attributes take values, not classes); legible on both themes. */
  colour: string;
}

const TOOLTIP =
  'rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';
const AXIS_TICK = { fontSize: 11, fill: '#64748b' };

/**
 * One live chart: the window's rows (≤ 300 points), straight segments, no dots and no animation, so a
 * redraw per animation frame stays cheap. Memoised: it redraws only when its rows change.
 */
export const MetricChart = memo(function MetricChart({
  title,
  unit,
  rows,
  lines,
  windowMs,
  stale,
  summary,
}: {
  title: string;
  unit: string;
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  windowMs: number;
  stale: boolean;
  /** The newest values in words, for screen readers and the caption. */
  summary: string;
}) {
  return (
    <figure
      aria-label={`${title}: ${summary}`}
      data-chart={title}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-sm font-semibold">{title}</span>
        <span className="flex flex-wrap gap-x-3 text-xs">
          {lines.map((l) => (
            <span key={l.key} className="inline-flex items-center gap-1 text-slate-600 dark:text-slate-300">
              <span
                aria-hidden="true"
                className="inline-block h-0.5 w-3"
                style={{ backgroundColor: l.colour }}
              />
              {l.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className={stale ? 'opacity-50' : undefined}>
        <LineChart
          responsive
          data={rows}
          style={{ width: '100%', height: 150 }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#64748b" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[(max: number) => max - windowMs, (max: number) => max]}
            allowDataOverflow
            hide
          />
          <YAxis
            width={44}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            domain={[0, 'auto']}
            tickFormatter={(v: number) => formatMetric(v, '')}
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) =>
              active && payload?.length ? (
                <div className={TOOLTIP}>
                  {payload.map((p) => (
                    <div key={String(p.dataKey)}>
                      {p.name}: <strong>{formatMetric(Number(p.value), unit)}</strong>
                    </div>
                  ))}
                </div>
              ) : null
            }
          />
          {lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.label}
              stroke={l.colour}
              strokeWidth={1.5}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              type="linear"
            />
          ))}
        </LineChart>
      </div>
      <p className="mt-1 flex justify-between text-[0.7rem] text-slate-500 dark:text-slate-400">
        <span>−{Math.round(windowMs / 1000)} s</span>
        <span>{unit || 'count'}</span>
        <span>{stale ? 'stale' : 'now'}</span>
      </p>
    </figure>
  );
});
