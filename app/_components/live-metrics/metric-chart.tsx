'use client';

import { memo, useLayoutEffect, useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricKey } from '@/lib/events/metrics-frames';
import type { ChartRow } from '@/lib/client/live-metrics/series-window';
import { scrollFraction } from '@/lib/client/live-metrics/chart-scale';
import { formatMetric } from '@/lib/client/live-metrics/metric-groups';

export interface ChartLine {
  key: MetricKey;
  label: string;
  /** An SVG colour value (attributes take values, not classes); legible on both themes. */
  colour: string;
}

const HEIGHT = 150;
const TOP = 8;
const TOOLTIP =
  'rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/**
 * One live chart. Recharts draws it once per step (a few times a second, not once per sample: a
 * redraw costs milliseconds of main thread per chart); between redraws the plot slides left on the
 * compositor (a transform animation), so the view moves smoothly at the display's rate whatever the
 * sample rate. The y axis is drawn apart so it stays put, with a 1/2/5 bound that does not jitter.
 */
export const MetricChart = memo(function MetricChart({
  title,
  unit,
  rows,
  end,
  yMax,
  lines,
  windowMs,
  stepMs,
  stale,
  summary,
}: {
  title: string;
  unit: string;
  rows: readonly ChartRow[];
  /** Server time of the newest complete step: the right edge once the slide is done. */
  end: number;
  yMax: number;
  lines: readonly ChartLine[];
  windowMs: number;
  stepMs: number;
  stale: boolean;
  /** The newest values in words, for screen readers and the caption. */
  summary: string;
}) {
  const slider = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = slider.current;
    if (!element || stale || window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const shift = `translateX(-${(scrollFraction(windowMs, stepMs) * 100).toFixed(4)}%)`;
    const animation = element.animate([{ transform: 'translateX(0)' }, { transform: shift }], {
      duration: stepMs,
      easing: 'linear',
      fill: 'forwards',
    });
    return () => animation.cancel();
  }, [end, stale, stepMs, windowMs]);

  const ticks = [0, yMax / 4, yMax / 2, (3 * yMax) / 4, yMax];
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
      <div className={`mt-1 flex ${stale ? 'opacity-50' : ''}`}>
        <div aria-hidden="true" className="relative w-11 shrink-0 text-[0.7rem] text-slate-500 tabular-nums">
          {ticks.map((v) => (
            <span
              key={v}
              className="absolute right-2 -translate-y-1/2"
              style={{ top: TOP + (1 - v / yMax) * (HEIGHT - TOP) }}
            >
              {formatMetric(v, '')}
            </span>
          ))}
        </div>
        <div className="relative min-w-0 flex-1 overflow-hidden" style={{ height: HEIGHT }}>
          <div
            ref={slider}
            className="absolute inset-y-0 left-0 will-change-transform"
            style={{ width: `${((windowMs + stepMs) / windowMs) * 100}%` }}
          >
            <LineChart
              responsive
              data={rows}
              style={{ width: '100%', height: HEIGHT }}
              margin={{ top: TOP, right: 0, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke="#64748b" strokeOpacity={0.15} vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[end - windowMs - stepMs, end]}
                allowDataOverflow
                hide
              />
              <YAxis hide domain={[0, yMax]} ticks={ticks} allowDataOverflow />
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
        </div>
      </div>
      <p className="mt-1 flex justify-between pl-11 text-[0.7rem] text-slate-500 dark:text-slate-400">
        <span>−{Math.round(windowMs / 1000)} s</span>
        <span>{unit || 'count'}</span>
        <span>{stale ? 'stale' : 'now'}</span>
      </p>
    </figure>
  );
});
