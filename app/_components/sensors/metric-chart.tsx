'use client';

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock } from '@/lib/client/format-time';
import type { ChartRow } from '@/lib/client/sensors/series-buffer';
import { LINE_COLOURS } from './sensor-style';

export interface ChartLine {
  key: string;
  label: string;
  last: number | null;
}

const AXIS_TICK = { fontSize: 11, fill: '#64748b' };
const TOOLTIP =
  'rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

function tickTime(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs > 2 * 86_400_000) return `${d.getMonth() + 1}/${d.getDate()}`;
  return formatClock(ms).slice(0, spanMs > 3_600_000 ? 5 : 8);
}

/**
 * One metric, a line per device: no dots, no animation, at most ~300 points a line, so it redraws
 * cheaply twice a second. Memoised on its rows.
 */
export const MetricChart = memo(function MetricChart({
  metric,
  rows,
  lines,
  from,
  to,
  more,
  stale,
}: {
  metric: string;
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  from: number;
  to: number;
  more: number;
  stale: boolean;
}) {
  const summary = lines.map((l) => `${l.label} ${l.last ?? 'no data'}`).join(', ');
  return (
    <figure
      aria-label={`${metric}: ${summary}`}
      data-chart={metric}
      data-points={rows.length}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-sm font-semibold">{metric}</span>
        <span className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
          {lines.map((l, i) => (
            <span
              key={l.key}
              className="inline-flex items-center gap-1 text-slate-600 dark:text-slate-300"
              title={l.key}
            >
              <span
                aria-hidden="true"
                className="inline-block h-0.5 w-3"
                style={{ backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length] }}
              />
              {l.label} <strong className="tabular-nums">{l.last ?? '—'}</strong>
            </span>
          ))}
          {more > 0 && <span className="text-slate-500">+{more} more (narrow the filter)</span>}
        </span>
      </figcaption>
      <div className={stale ? 'opacity-50' : undefined}>
        {rows.length === 0 ? (
          <p className="flex h-[160px] items-center justify-center text-sm text-slate-500 dark:text-slate-400">
            No readings in this range.
          </p>
        ) : (
          <LineChart
            responsive
            data={rows}
            style={{ width: '100%', height: 160 }}
            margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="#64748b" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[from, to]}
              allowDataOverflow
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              minTickGap={40}
              tickFormatter={(v: number) => tickTime(v, to - from)}
            />
            <YAxis width={48} tick={AXIS_TICK} tickLine={false} axisLine={false} domain={['auto', 'auto']} />
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <div className={TOOLTIP}>
                    <div className="mb-0.5 text-slate-500">{tickTime(Number(label), 0)}</div>
                    {payload.map((p) => (
                      <div key={String(p.dataKey)}>
                        {lines.find((l) => l.key === p.dataKey)?.label ?? String(p.dataKey)}:{' '}
                        <strong>{String(p.value)}</strong>
                      </div>
                    ))}
                  </div>
                ) : null
              }
            />
            {lines.map((l, i) => (
              <Line
                key={l.key}
                dataKey={l.key}
                type="linear"
                dot={false}
                isAnimationActive={false}
                connectNulls
                stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
                strokeWidth={1.5}
              />
            ))}
          </LineChart>
        )}
      </div>
    </figure>
  );
});
