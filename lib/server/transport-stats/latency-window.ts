/**
 * The most recent latency samples of one transport, in a fixed ring (no allocation per sample, so hot
 * paths can record every message), and their percentiles over a recent window. A sample older than
 * the window is left out of the percentiles even if the ring still holds it: a figure that says
 * "now" must not be made of traffic from an hour ago.
 */
export class LatencyWindow {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private next = 0;
  private count = 0;
  /** Samples recorded since start (the ring keeps only the newest `capacity`). */
  total = 0;

  constructor(readonly capacity = 2_048) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  /** One sample: `ms` measured at `at` (epoch ms). Negative or non-finite values are ignored. */
  record(ms: number, at: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.values[this.next] = ms;
    this.times[this.next] = at;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    this.total++;
  }

  /** p50 and p99 (nearest rank) of the samples taken within `windowMs` before `now`; null without any. */
  percentiles(now: number, windowMs: number): { p50: number; p99: number; samples: number } | null {
    const recent: number[] = [];
    for (let i = 0; i < this.count; i++) {
      if (now - this.times[i]! <= windowMs) recent.push(this.values[i]!);
    }
    if (recent.length === 0) return null;
    recent.sort((a, b) => a - b);
    return { p50: nearestRank(recent, 0.5), p99: nearestRank(recent, 0.99), samples: recent.length };
  }
}

/** The nearest-rank percentile of sorted values (the value at or above `q` of them). */
export function nearestRank(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}
