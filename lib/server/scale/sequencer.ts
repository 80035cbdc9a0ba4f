import 'server-only';
import type { AnyEnvelope } from '../../events';

export interface SequencerOptions {
  /** How long a hole in the ids may wait for its event from Redis before the store is read. */
  gapMs: number;
  /**
   * How long a hole may stay after reading the store before it is skipped: an id the store does
   * not hold by then was never committed (a rolled-back transaction) or belongs to one still open.
   */
  maxHoldMs: number;
  /** Events held behind a hole at most; past it the store is read at once. */
  maxPending: number;
}

export const DEFAULT_SEQUENCER_OPTIONS: SequencerOptions = {
  gapMs: 250,
  maxHoldMs: 2_000,
  maxPending: 20_000,
};

/**
 * Hands durable events on in id order with no gap and no duplicate, whichever instance published
 * them and in whatever order they arrive: an event whose predecessors have not all arrived is held;
 * a hole that lasts reads the shared store from the last id handed on (`fetchAfter`), which is where
 * every durable event is written before it is published. Lossy events pass at once.
 */
export class DurableSequencer {
  private delivered: number;
  private readonly pending = new Map<number, AnyEnvelope>();
  private holeSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Events read from the store because Redis did not bring them (for the logs and tests). */
  caughtUp = 0;
  skipped = 0;

  constructor(
    start: number,
    private readonly out: (events: readonly AnyEnvelope[]) => void,
    private readonly fetchAfter: (afterId: number, limit: number) => AnyEnvelope[],
    private readonly options: SequencerOptions = DEFAULT_SEQUENCER_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {
    this.delivered = start;
  }

  /** The newest durable id handed on. */
  get lastDelivered(): number {
    return this.delivered;
  }

  get held(): number {
    return this.pending.size;
  }

  accept(events: readonly AnyEnvelope[]): void {
    let lossy: AnyEnvelope[] | null = null;
    for (const event of events) {
      if (event.id === null) (lossy ??= []).push(event);
      else if (event.id > this.delivered) this.pending.set(event.id, event);
    }
    if (lossy) this.out(lossy);
    if (this.pending.size === 0) return;
    this.drain();
    if (this.pending.size > this.options.maxPending) this.catchUp();
    else this.watchHole();
  }

  /**
   * Reads the store from the last id handed on: after a Redis reconnect, on a lasting hole, or when
   * the store is ahead (`storeLastId`) and Redis brought nothing.
   */
  catchUp(): void {
    if (this.stopped) return;
    for (;;) {
      const page = this.fetchAfter(this.delivered, 1_000);
      if (page.length === 0) break;
      const batch: AnyEnvelope[] = [];
      for (const event of page) {
        const id = event.id ?? 0;
        if (id <= this.delivered) continue;
        this.takeHeldBefore(id, batch);
        batch.push(this.pending.get(id) ?? event);
        if (!this.pending.delete(id)) this.caughtUp++;
        this.delivered = id;
      }
      if (batch.length > 0) this.out(batch);
      if (page.length < 1_000) break;
    }
    this.drain();
    if (this.pending.size === 0) return this.clearHole();
    const since = this.holeSince ?? this.now();
    if (this.now() - since >= this.options.maxHoldMs || this.pending.size > this.options.maxPending) {
      // What the store does not hold after this long will not come: hand on what is held.
      const first = Math.min(...this.pending.keys());
      this.skipped += first - this.delivered - 1;
      console.error(`[cluster] events ${this.delivered + 1}–${first - 1} never arrived; skipped`);
      this.delivered = first - 1;
      this.drain();
      this.holeSince = null;
    }
    if (this.pending.size === 0) this.clearHole();
    else this.watchHole();
  }

  /** A periodic check: the store is ahead and nothing waits in a hole (Redis lost the frames). */
  tick(storeLastId: number): void {
    if (this.pending.size === 0 && storeLastId > this.delivered) this.catchUp();
  }

  stop(): void {
    this.stopped = true;
    this.clearHole();
  }

  private drain(): void {
    let batch: AnyEnvelope[] | null = null;
    for (;;) {
      const next = this.pending.get(this.delivered + 1);
      if (!next) break;
      this.pending.delete(this.delivered + 1);
      this.delivered++;
      (batch ??= []).push(next);
    }
    if (batch) this.out(batch);
    if (this.pending.size === 0) this.clearHole();
  }

  /** Moves held events with an id below `id` into `batch` (the store missed them: an open transaction). */
  private takeHeldBefore(id: number, batch: AnyEnvelope[]): void {
    if (this.pending.size === 0) return;
    const below = [...this.pending.keys()].filter((k) => k < id).sort((a, b) => a - b);
    for (const k of below) {
      batch.push(this.pending.get(k)!);
      this.pending.delete(k);
      this.delivered = k;
    }
  }

  private watchHole(): void {
    this.holeSince ??= this.now();
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.catchUp();
      } catch (error) {
        console.error('[cluster] reading the store to fill a hole failed:', error);
        this.watchHole();
      }
    }, this.options.gapMs);
    this.timer.unref();
  }

  private clearHole(): void {
    this.holeSince = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
