import 'server-only';

/** Points per stored chunk; a larger batch for one series is split. */
export const MAX_CHUNK_POINTS = 4_096;

/** Packs points as little-endian float64 pairs (time in ms, value): 16 bytes a point, exact. */
export function encodeChunk(
  times: readonly number[],
  values: readonly number[],
  from = 0,
  to = times.length,
): Buffer {
  const buf = Buffer.allocUnsafe((to - from) * 16);
  for (let i = from, o = 0; i < to; i++, o += 16) {
    buf.writeDoubleLE(times[i]!, o);
    buf.writeDoubleLE(values[i]!, o + 8);
  }
  return buf;
}

/** Calls `visit` for each point of a chunk in `[from, to]`. */
export function forEachPoint(
  chunk: Buffer,
  from: number,
  to: number,
  visit: (time: number, value: number) => void,
): void {
  for (let o = 0; o + 16 <= chunk.length; o += 16) {
    const time = chunk.readDoubleLE(o);
    if (time < from || time > to) continue;
    visit(time, chunk.readDoubleLE(o + 8));
  }
}

/** Running aggregate of a bucket: what the rollup tables hold. */
export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  /** Time of `last`, so that out-of-order points keep the newest as last. */
  lastAt: number;
}

export function addToAggregate(agg: Aggregate | undefined, time: number, value: number): Aggregate {
  if (!agg) return { count: 1, sum: value, min: value, max: value, last: value, lastAt: time };
  agg.count++;
  agg.sum += value;
  if (value < agg.min) agg.min = value;
  if (value > agg.max) agg.max = value;
  if (time >= agg.lastAt) {
    agg.last = value;
    agg.lastAt = time;
  }
  return agg;
}
