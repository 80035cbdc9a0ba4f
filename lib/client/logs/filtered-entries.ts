import type { LogEntry } from './view-line';

/**
 * The entries that pass a filter, kept up to date as entries are appended: only new entries are
 * tested, so filtering a 100,000-line buffer costs a full pass only when the filter changes or the
 * buffer drops its oldest lines.
 */
export class FilteredEntries {
  private out: LogEntry[] = [];
  private tested = 0;
  private filterKey: string | null = null;
  private epoch = -1;

  /** The entries that pass `accept` (all of them when it is null); `filterKey` names the filter. */
  get(
    entries: readonly LogEntry[],
    accept: ((entry: LogEntry) => boolean) | null,
    filterKey: string,
    epoch: number,
  ): readonly LogEntry[] {
    if (!accept) return entries;
    if (filterKey !== this.filterKey || epoch !== this.epoch || this.tested > entries.length) {
      this.out = [];
      this.tested = 0;
      this.filterKey = filterKey;
      this.epoch = epoch;
    }
    for (let i = this.tested; i < entries.length; i++) {
      const entry = entries[i]!;
      if (accept(entry)) this.out.push(entry);
    }
    if (this.tested !== entries.length) {
      this.tested = entries.length;
      // A new array when something changed, so React sees it.
      this.out = this.out.slice();
    }
    return this.out;
  }
}
