/**
 * The charts' data: the last `windowMs` of samples, averaged into `bucketMs` buckets so a chart never
 * holds more than windowMs ÷ bucketMs points whatever the rate (300 at the defaults). At 60 Hz six
 * samples share a bucket; at 1 Hz each bucket holds one. Rows are rebuilt as new objects when they
 * change, so React and recharts see a change by identity.
 */
import { METRIC_COUNT, METRIC_DEFS, type MetricKey } from '../../events/metrics-frames';

export type ChartRow = { t: number } & Partial<Record<MetricKey, number>>;

interface Bucket {
  t: number;
  sums: Float64Array;
  counts: Uint16Array;
}

export class SeriesWindow {
  private readonly buckets: Bucket[] = [];
  private cached: ChartRow[] = [];
  private rowsOut: readonly ChartRow[] | null = null;
  /** The newest sample's values (NaN for metrics not in its set) and time. */
  latest: Float64Array = new Float64Array(METRIC_COUNT).fill(NaN);
  latestAt: number | null = null;

  constructor(
    readonly windowMs = 30_000,
    readonly bucketMs = 100,
  ) {}

  /** Adds one sample (server time, ms). Samples older than the window, or than their bucket, are merged or dropped. */
  add(time: number, values: ArrayLike<number>): void {
    const t = Math.floor(time / this.bucketMs) * this.bucketMs;
    const last = this.buckets.at(-1);
    let index: number;
    if (!last || t > last.t) {
      this.buckets.push({ t, sums: new Float64Array(METRIC_COUNT), counts: new Uint16Array(METRIC_COUNT) });
      this.cached.push({ t });
      index = this.buckets.length - 1;
    } else {
      index = this.findBucket(t);
      if (index < 0) return;
    }
    const bucket = this.buckets[index]!;
    const row: ChartRow = { t: bucket.t };
    for (let i = 0; i < METRIC_COUNT; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) {
        bucket.sums[i]! += v;
        bucket.counts[i]!++;
      }
      if (bucket.counts[i]! > 0) row[METRIC_DEFS[i]!.key] = bucket.sums[i]! / bucket.counts[i]!;
    }
    this.cached[index] = row;
    if (this.latestAt === null || time >= this.latestAt) {
      this.latest = Float64Array.from({ length: METRIC_COUNT }, (_, i) => values[i]!);
      this.latestAt = time;
    }
    this.trim();
    this.rowsOut = null;
  }

  /** The rows, oldest first; the same array until the next change. */
  rows(): readonly ChartRow[] {
    this.rowsOut ??= this.cached.slice();
    return this.rowsOut;
  }

  get size(): number {
    return this.buckets.length;
  }

  clear(): void {
    this.buckets.length = 0;
    this.cached.length = 0;
    this.rowsOut = null;
    this.latest = new Float64Array(METRIC_COUNT).fill(NaN);
    this.latestAt = null;
  }

  private findBucket(t: number): number {
    for (let i = this.buckets.length - 1; i >= 0; i--) {
      const b = this.buckets[i]!;
      if (b.t === t) return i;
      if (b.t < t) return -1;
    }
    return -1;
  }

  private trim(): void {
    const newest = this.buckets.at(-1)!.t;
    let drop = 0;
    while (drop < this.buckets.length && this.buckets[drop]!.t <= newest - this.windowMs) drop++;
    if (drop > 0) {
      this.buckets.splice(0, drop);
      this.cached.splice(0, drop);
    }
  }
}
