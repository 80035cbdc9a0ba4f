/**
 * Points of live charts, bounded. New readings are appended; past the cap the oldest half is
 * downsampled (pairs merged: mean of the means, min of the mins, max of the maxes), so recent data
 * keeps full detail, old data thins out, and a chart never holds more than `cap` points.
 */
import type { SeriesPoint } from '../../events/sensor-ranges';

export const DEFAULT_CAP = 300;

export function appendPoint(
  points: readonly SeriesPoint[],
  point: SeriesPoint,
  cap = DEFAULT_CAP,
  windowMs = Infinity,
): SeriesPoint[] {
  const from = point[0] - windowMs;
  let next = points.length > 0 && points[0]![0] < from ? points.filter((p) => p[0] >= from) : [...points];
  const last = next.at(-1);
  if (last && point[0] < last[0]) {
    // Late reading (device clock, merged live event): keep time order.
    next.push(point);
    next.sort((a, b) => a[0] - b[0]);
  } else {
    next.push(point);
  }
  if (next.length > cap) next = downsampleOldest(next);
  return next;
}

/** Merges the oldest half of the points pairwise. */
export function downsampleOldest(points: readonly SeriesPoint[]): SeriesPoint[] {
  const half = Math.floor(points.length / 2);
  const merged: SeriesPoint[] = [];
  for (let i = 0; i + 1 < half; i += 2) {
    const a = points[i]!;
    const b = points[i + 1]!;
    merged.push([a[0], (a[1] + b[1]) / 2, Math.min(a[2], b[2]), Math.max(a[3], b[3])]);
  }
  if (half % 2 === 1) merged.push(points[half - 1]!);
  return merged.concat(points.slice(half));
}

export interface ChartSeries {
  key: string;
  label: string;
  points: readonly SeriesPoint[];
}

export type ChartRow = { t: number } & Record<string, number | null>;

/** Rows for recharts: one per distinct time, a column per series (null where it has no point). */
export function toRows(series: readonly ChartSeries[]): ChartRow[] {
  const byTime = new Map<number, ChartRow>();
  for (const s of series) {
    for (const [t, mean] of s.points) {
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t } as ChartRow));
      row[s.key] = mean;
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}
