/**
 * The live tail's buffer: entries in arrival order (continuations grouped), bounded to MAX_LINES
 * lines — the oldest go first, and the view counts them — and, while paused, the lines that wait.
 */
import { continues, type LogEntry, type ViewLine } from './view-line';

export const MAX_LINES = 100_000;

export class LogView {
  private entries: LogEntry[] = [];
  private readonly openByContainer = new Map<string, LogEntry>();
  private pending: ViewLine[] = [];
  lines = 0;
  /** Lines removed from the top to stay within the bound, since the last clear. */
  trimmed = 0;
  /** Lines that arrived while paused and did not fit in the waiting room (they are in history). */
  pendingDropped = 0;
  paused = false;
  /** Grows on every change (cheap change detection for React). */
  version = 0;
  /** Grows when entries were removed, not only appended (filtered copies must start over). */
  epoch = 0;

  constructor(
    readonly maxLines = MAX_LINES,
    readonly maxPending = MAX_LINES,
  ) {}

  getEntries(): readonly LogEntry[] {
    return this.entries;
  }

  get waiting(): number {
    return this.pending.length + this.pendingDropped;
  }

  /** Adds lines (held back while paused). Lines are expected in id order. */
  append(lines: readonly ViewLine[]): void {
    if (lines.length === 0) return;
    if (this.paused) {
      this.pending.push(...lines);
      const over = this.pending.length - this.maxPending;
      if (over > 0) {
        this.pending.splice(0, over);
        this.pendingDropped += over;
      }
      this.version++;
      return;
    }
    this.add(lines);
  }

  /** Replaces everything with these lines (a new selection's first paint). */
  reset(lines: readonly ViewLine[]): void {
    this.entries = [];
    this.openByContainer.clear();
    this.pending = [];
    this.pendingDropped = 0;
    this.lines = 0;
    this.trimmed = 0;
    this.epoch++;
    this.add(lines);
  }

  clear(): void {
    this.reset([]);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused && this.pending.length) {
      const waiting = this.pending;
      this.pending = [];
      this.add(waiting);
    }
    this.pendingDropped = 0;
    this.version++;
  }

  private add(lines: readonly ViewLine[]): void {
    for (const line of lines) {
      const open = this.openByContainer.get(line.container);
      if (open && continues(open, line)) {
        // Joins an entry already in the list: its height changes (the row index is rebuilt per
        // version); a filter that has already passed over it keeps its verdict until it changes.
        open.rest.push(line);
      } else {
        const entry: LogEntry = { key: line.id, head: line, rest: [] };
        this.entries.push(entry);
        this.openByContainer.set(line.container, entry);
      }
      this.lines++;
    }
    if (this.lines > this.maxLines) this.trim();
    this.version++;
  }

  /** Drops the oldest entries down to 90 % of the bound (in one go, not on every line). */
  private trim(): void {
    const target = Math.floor(this.maxLines * 0.9);
    let drop = 0;
    let lines = this.lines;
    while (lines > target && drop < this.entries.length) {
      const entry = this.entries[drop]!;
      lines -= 1 + entry.rest.length;
      drop++;
    }
    const removed = this.entries.splice(0, drop);
    for (const entry of removed) {
      if (this.openByContainer.get(entry.head.container) === entry)
        this.openByContainer.delete(entry.head.container);
    }
    this.trimmed += this.lines - lines;
    this.lines = lines;
    this.epoch++;
  }
}
