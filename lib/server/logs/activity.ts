import 'server-only';
import type { LogLine } from './types';

const MINUTE = 60_000;
const MINUTES = 60;

/** Lines and problems per minute over the last hour: the overview's glance and sparkline. */
export interface LogActivity {
  /** Oldest minute first; each `{ at, lines, warnings, errors }` (errors include fatal). */
  minutes: { at: number; lines: number; warnings: number; errors: number }[];
  linesLast15m: number;
  errorsLast15m: number;
  warningsLast15m: number;
}

/**
 * Per-minute counters of arriving lines (by arrival, not by the line's own time), in a ring of 60
 * minutes: answering "how noisy, how many errors lately" without touching the store.
 */
export class ActivityCounter {
  private readonly lines = new Float64Array(MINUTES);
  private readonly warnings = new Float64Array(MINUTES);
  private readonly errors = new Float64Array(MINUTES);
  private currentMinute: number;

  constructor(private readonly now: () => number = Date.now) {
    this.currentMinute = Math.floor(now() / MINUTE);
  }

  add(lines: readonly LogLine[]): void {
    this.advance();
    const slot = this.currentMinute % MINUTES;
    this.lines[slot]! += lines.length;
    for (const line of lines) {
      if (line.level === 'warn') this.warnings[slot]! += 1;
      else if (line.level === 'error' || line.level === 'fatal') this.errors[slot]! += 1;
    }
  }

  snapshot(): LogActivity {
    this.advance();
    const minutes: LogActivity['minutes'] = [];
    for (let back = MINUTES - 1; back >= 0; back--) {
      const minute = this.currentMinute - back;
      const slot = ((minute % MINUTES) + MINUTES) % MINUTES;
      minutes.push({
        at: minute * MINUTE,
        lines: this.lines[slot]!,
        warnings: this.warnings[slot]!,
        errors: this.errors[slot]!,
      });
    }
    const recent = minutes.slice(-15);
    const sum = (key: 'lines' | 'warnings' | 'errors') => recent.reduce((n, m) => n + m[key], 0);
    return {
      minutes,
      linesLast15m: sum('lines'),
      errorsLast15m: sum('errors'),
      warningsLast15m: sum('warnings'),
    };
  }

  /** Clears the minutes that passed since the last call. */
  private advance(): void {
    const minute = Math.floor(this.now() / MINUTE);
    const passed = Math.min(MINUTES, minute - this.currentMinute);
    for (let i = 1; i <= passed; i++) {
      const slot = (this.currentMinute + i) % MINUTES;
      this.lines[slot] = 0;
      this.warnings[slot] = 0;
      this.errors[slot] = 0;
    }
    if (minute > this.currentMinute) this.currentMinute = minute;
  }
}
