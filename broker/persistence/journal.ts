import type { Db } from '../../lib/server/store';

/**
 * Write-behind for the broker's state: changes are applied in memory at once (so the hot path never
 * waits on the disk) and written to SQLite in one transaction per interval, in the order they
 * happened. Retained messages are coalesced by topic: a sensor that republishes its retained value
 * ten times a second costs one row write per flush. A crash loses at most one interval; a shutdown
 * flushes everything.
 */
export class Journal {
  private ops: (() => void)[] = [];
  private readonly retained = new Map<string, (() => void) | null>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Flushes that failed (disk full, locked past the busy timeout); the next flush retries later changes. */
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 50,
    private readonly maxPending = 5_000,
  ) {}

  /** Queues one write, run in order with the others at the next flush. */
  push(op: () => void): void {
    if (this.closed) return;
    this.ops.push(op);
    this.schedule();
  }

  /** Queues the write of a retained topic; a later write of the same topic replaces this one. */
  pushRetained(topic: string, op: () => void): void {
    if (this.closed) return;
    this.retained.set(topic, op);
    this.schedule();
  }

  get pending(): number {
    return this.ops.length + this.retained.size;
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.ops.length === 0 && this.retained.size === 0) return;
    const ops = this.ops;
    const retained = [...this.retained.values()];
    this.ops = [];
    this.retained.clear();
    try {
      this.db.transaction(() => {
        for (const op of retained) op?.();
        for (const op of ops) op();
      }).immediate();
    } catch (error) {
      this.failures++;
      console.error('[mqtt] writing broker state to SQLite failed:', error);
    }
  }

  /** Flushes and stops accepting writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.pending >= this.maxPending) {
      this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }
}
