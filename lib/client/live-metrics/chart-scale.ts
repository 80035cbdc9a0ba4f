/**
 * Scale helpers for the live charts: a "nice" upper bound for the y axis (1, 2 or 5 × 10^k, so tick
 * labels read well and do not jitter with every sample), and the geometry of the scrolling plot.
 */
import type { MetricKey } from '../../events/metrics-frames';
import type { ChartRow } from './series-window';

/** The smallest 1/2/5 × 10^k at or above `value` (and at least `floor`). */
export function niceMax(value: number, floor = 1): number {
  const v = Math.max(value, floor);
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

/** The y-axis bound for these lines over these rows. */
export function yMaxOf(rows: readonly ChartRow[], keys: readonly MetricKey[], floor = 1): number {
  let max = 0;
  for (const row of rows) {
    for (const key of keys) {
      const v = row[key];
      if (v !== undefined && v > max) max = v;
    }
  }
  return niceMax(max, floor);
}

/**
 * The plot scrolls: it is drawn one step wider than the view, over [end − window − step, end], and
 * slides left by one step (this fraction of its own width) until the next redraw, which starts it
 * again from zero one step later. The view so moves continuously while the chart is redrawn only
 * once per step; what it shows lags the newest sample by at most one step.
 */
export function scrollFraction(windowMs: number, stepMs: number): number {
  return stepMs / (windowMs + stepMs);
}
