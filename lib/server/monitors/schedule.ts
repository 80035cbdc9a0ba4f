/**
 * The scheduler's arithmetic, pure so that it is unit-tested: when each monitor's next check is due,
 * how checks spread over the interval, and how lateness (drift) is measured.
 *
 * Checks run at a fixed rate (due times are `phase + k × interval`), never "interval after the last
 * one ended", so a slow target does not push its own schedule back. Each monitor gets a phase from a
 * hash of its id, so 1,000 monitors at 20 s run about 50 checks a second instead of 1,000 at once.
 */

/** A stable phase in [0, intervalMs) for a monitor. */
export function phaseOf(monitorId: number, intervalMs: number): number {
  // Knuth's multiplicative hash spreads consecutive ids across the interval.
  const hashed = Math.imul(monitorId, 2654435761) >>> 0;
  return intervalMs > 0 ? hashed % intervalMs : 0;
}

/** The first slot of this monitor's phase that is not before `earliest`. */
export function alignedSlot(earliest: number, intervalMs: number, phaseMs: number): number {
  if (intervalMs <= 0) return earliest;
  const base = Math.floor((earliest - phaseMs) / intervalMs) * intervalMs + phaseMs;
  return base >= earliest ? base : base + intervalMs;
}

/**
 * The next due time after a check that was due at `due` (fixed rate). When the process fell far
 * behind (a stall, a suspended laptop), whole missed slots are skipped instead of run in a burst.
 */
export function nextDue(due: number, intervalMs: number, now: number): { due: number; skipped: number } {
  let next = due + intervalMs;
  if (next >= now) return { due: next, skipped: 0 };
  const behind = Math.ceil((now - next) / intervalMs);
  next += behind * intervalMs;
  return { due: next, skipped: behind };
}

/**
 * When to check next, given what just happened. A retrying monitor (failed, not yet down) checks
 * again after its retry interval; otherwise it returns to its phase-aligned slots. A first check
 * (`due` null) leaves at least half an interval before joining its slot.
 */
export function planNext(options: {
  monitorId: number;
  intervalMs: number;
  retryIntervalMs: number;
  due: number | null;
  now: number;
  retrying: boolean;
}): number {
  const { monitorId, intervalMs, retryIntervalMs, due, now, retrying } = options;
  if (retrying) return now + retryIntervalMs;
  const phase = phaseOf(monitorId, intervalMs);
  if (due === null) return alignedSlot(now + intervalMs / 2, intervalMs, phase);
  // Back from a retry, or the interval changed: join the aligned slots again.
  if ((due - phase) % intervalMs !== 0) return alignedSlot(now + intervalMs / 2, intervalMs, phase);
  return nextDue(due, intervalMs, now).due;
}

/**
 * Recent lateness samples (start − due, ms) in a fixed ring, with percentiles. Bounded memory
 * whatever the rate of checks.
 */
export class DriftStats {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  total = 0;
  max = 0;

  constructor(capacity = 10_000) {
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.samples[this.next] = value;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.total++;
    if (value > this.max) this.max = value;
  }

  /** Nearest-rank percentile over the samples held, p in [0, 100]; 0 with none. */
  percentile(p: number): number {
    if (this.filled === 0) return 0;
    const sorted = Array.from(this.samples.subarray(0, this.filled)).sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank]!;
  }

  summary(): { samples: number; p50: number; p95: number; p99: number; max: number } {
    return {
      samples: this.total,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.max,
    };
  }

  reset(): void {
    this.next = 0;
    this.filled = 0;
    this.total = 0;
    this.max = 0;
  }
}
