import 'server-only';
import type { EventBus } from '../bus';
import { LevelCarry, prepareLine, type PreparedLine } from './normalize';
import { logEnvelope } from './replay';
import type { LogStore } from './store';
import type { LogLine, LogLineData, RawLogLine } from './types';

export interface IngestOptions {
  /** Lines waiting to be stored before sources are told to hold off (push: 429; Docker: pause). */
  maxQueue: number;
  /** Lines per transaction: bounds how long one flush holds the event loop (250 lines: about 8 ms with 10 tails). */
  batchSize: number;
  /** How long a line may wait for company before it is stored and sent anyway. */
  flushDelayMs: number;
  lineMaxChars: number;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  maxQueue: 50_000,
  batchSize: 250,
  flushDelayMs: 20,
  lineMaxChars: 8_192,
};

type StoredCallback = (error?: Error) => void;

/**
 * Where every log line goes: a bounded queue, drained in batches — each batch one transaction
 * (ids, rows, full-text index), then one group on the bus for SSE, then the in-memory views. The
 * event loop is never held longer than one batch; between batches it serves I/O. Sources that
 * outrun the store are told to wait (the Docker follower pauses its stream; a push gets 429), so
 * nothing is dropped on the way in: only slow browsers miss lines, and they are told.
 */
export class LogIngest {
  private queue: PreparedLine[] = [];
  private head = 0;
  /** Lines taken in, and lines stored (or failed), since start: callbacks wait on the second. */
  private accepted = 0;
  private settled = 0;
  private readonly waiting: { upTo: number; callback: StoredCallback }[] = [];
  private readonly drainListeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private readonly options: IngestOptions;
  private readonly carry = new LevelCarry();
  /** Lines that could not be stored (a store error), since start. */
  failed = 0;

  constructor(
    private readonly store: LogStore,
    private readonly bus: EventBus,
    private readonly onStored: (lines: readonly LogLine[]) => void,
    options: Partial<IngestOptions> = {},
  ) {
    this.options = { ...DEFAULT_INGEST_OPTIONS, ...options };
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  get full(): boolean {
    return this.queued >= this.options.maxQueue;
  }

  /**
   * Takes lines if there is room for all of them (else none, and returns false: answer 429).
   * `onStored` is called once they are all stored, or with the error if storing failed.
   */
  offer(lines: readonly RawLogLine[], onStored?: StoredCallback): boolean {
    if (this.queued + lines.length > this.options.maxQueue && this.queued > 0) return false;
    this.take(lines);
    if (onStored) {
      if (this.settled >= this.accepted) onStored();
      else this.waiting.push({ upTo: this.accepted, callback: onStored });
    }
    return true;
  }

  /**
   * Takes lines from a source that can pause (Docker): always accepted; returns false when the
   * source should pause until `onDrain`.
   */
  push(lines: readonly RawLogLine[]): boolean {
    this.take(lines);
    return !this.full;
  }

  /** Calls `listener` once the queue is back under half its bound. */
  onDrain(listener: () => void): void {
    this.drainListeners.add(listener);
  }

  /**
   * Stores one line now, after everything queued (the bus sink for `log-line` events published the
   * generic way, POST /api/events). The bus hands the event to subscribers itself.
   */
  storeNow(data: LogLineData): number {
    this.flushAll();
    const [line] = this.store.insert([prepareLine(data, this.options.lineMaxChars)]);
    this.onStored([line!]);
    return line!.id;
  }

  /** Stores everything queued, synchronously (shutdown). */
  flushAll(): void {
    while (this.queued > 0) this.flush();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.flushAll();
  }

  private take(lines: readonly RawLogLine[]): void {
    if (lines.length === 0) return;
    for (const raw of lines) {
      const prepared = prepareLine(raw, this.options.lineMaxChars);
      this.carry.apply(prepared, raw.level !== undefined);
      this.queue.push(prepared);
    }
    this.accepted += lines.length;
    this.schedule();
  }

  private schedule(): void {
    if (this.immediate) return;
    if (this.queued >= this.options.batchSize) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.flush();
      });
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.options.flushDelayMs);
    }
  }

  /** Stores and sends one batch. */
  private flush(): void {
    const count = Math.min(this.options.batchSize, this.queued);
    if (count === 0) return;
    const batch = this.queue.slice(this.head, this.head + count);
    this.head += count;
    if (this.head > 8_192 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    let error: Error | undefined;
    try {
      const stored = this.store.insert(batch);
      const ts = Date.now();
      this.bus.deliver(stored.map((line) => logEnvelope(line, ts)));
      this.onStored(stored);
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
      this.failed += count;
      console.error(`[logs] storing ${count} lines failed:`, error);
    }
    this.settled += count;
    this.settle(error);
    if (this.queued > 0) this.schedule();
    if (this.drainListeners.size > 0 && this.queued <= this.options.maxQueue / 2) {
      const listeners = [...this.drainListeners];
      this.drainListeners.clear();
      for (const listener of listeners) listener();
    }
  }

  private settle(error: Error | undefined): void {
    let done = 0;
    while (done < this.waiting.length && this.waiting[done]!.upTo <= this.settled) done++;
    if (done === 0) return;
    for (const { callback } of this.waiting.splice(0, done)) callback(error);
  }
}
