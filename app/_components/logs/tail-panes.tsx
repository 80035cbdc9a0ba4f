'use client';

import { useMemo, useRef } from 'react';
import { FilteredEntries } from '@/lib/client/logs/filtered-entries';
import { entryMatches, type Matcher } from '@/lib/client/logs/text-filter';
import type { LogEntry } from '@/lib/client/logs/view-line';
import type { Layout } from './log-toolbar';
import { LogList } from './log-list';
import { containerColor } from './styles';

const MAX_COLUMNS = 4;
const HEIGHT = 'h-[calc(100vh-21rem)] min-h-80';

/** One column of the side-by-side layout: a container's own lines (filtered incrementally). */
function Column({
  name,
  entries,
  version,
  epoch,
  matcher,
  filterKey,
  empty,
}: {
  name: string;
  entries: readonly LogEntry[];
  version: number;
  epoch: number;
  matcher: Matcher | null;
  filterKey: string;
  empty: React.ReactNode;
}) {
  const filtered = useRef(new FilteredEntries()).current;
  const shown = filtered.get(
    entries,
    (entry) => entry.head.container === name && (!matcher || entryMatches(entry, matcher)),
    `${name}\n${filterKey}`,
    epoch,
  );
  return (
    <section aria-label={`Logs of ${name}`} className="flex min-w-0 flex-col gap-1">
      <h3 className="flex items-center gap-1.5 font-mono text-xs font-semibold">
        <span aria-hidden className={`size-2 rounded-full ${containerColor(name).dot}`} />
        {name}
      </h3>
      <LogList
        entries={shown}
        version={version}
        matcher={matcher}
        showContainer={false}
        label={`Log lines of ${name}`}
        empty={empty}
        className={HEIGHT}
      />
    </section>
  );
}

/**
 * The live tail's lists: every container merged in one list (a colour per container), or side by
 * side, one column per container (the selected ones, else the first running ones, at most four).
 */
export function TailPanes({
  layout,
  entries,
  version,
  epoch,
  matcher,
  filterKey,
  columns,
  empty,
}: {
  layout: Layout;
  entries: readonly LogEntry[];
  version: number;
  epoch: number;
  matcher: Matcher | null;
  filterKey: string;
  columns: readonly string[];
  empty: React.ReactNode;
}) {
  const filtered = useRef(new FilteredEntries()).current;
  const accept = useMemo(
    () => (matcher ? (entry: LogEntry) => entryMatches(entry, matcher) : null),
    [matcher],
  );
  if (layout === 'split' && columns.length > 0) {
    const shown = columns.slice(0, MAX_COLUMNS);
    const grid = [
      '',
      'grid-cols-1',
      'md:grid-cols-2',
      'md:grid-cols-2 xl:grid-cols-3',
      'md:grid-cols-2 xl:grid-cols-4',
    ][shown.length];
    return (
      <div className={`grid gap-3 ${grid}`}>
        {shown.map((name) => (
          <Column
            key={name}
            name={name}
            entries={entries}
            version={version}
            epoch={epoch}
            matcher={matcher}
            filterKey={filterKey}
            empty={empty}
          />
        ))}
      </div>
    );
  }
  const shown = filtered.get(entries, accept, filterKey, epoch);
  return (
    <LogList
      entries={shown}
      version={version}
      matcher={matcher}
      showContainer
      label="Log lines, newest at the bottom"
      empty={empty}
      className={HEIGHT}
    />
  );
}
