'use client';

import type { LogSearch } from '@/lib/client/logs/use-log-search';

export const RANGES = [
  { value: '15m', label: 'last 15 min', ms: 15 * 60_000 },
  { value: '1h', label: 'last hour', ms: 3_600_000 },
  { value: '6h', label: 'last 6 hours', ms: 6 * 3_600_000 },
  { value: '24h', label: 'last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'last 7 days', ms: 7 * 24 * 3_600_000 },
  { value: 'all', label: 'all stored', ms: null },
] as const;
export type RangeValue = (typeof RANGES)[number]['value'];

const LINK = 'font-medium text-sky-700 underline underline-offset-2 hover:no-underline dark:text-sky-400';

/** History mode's header: what was searched, over which time, how much was found, and the way back. */
export function HistoryBar({
  search,
  range,
  onRange,
  contextOf,
  onBack,
}: {
  search: LogSearch;
  range: RangeValue;
  onRange: (range: RangeValue) => void;
  /** Set while a line's context is shown instead of the results. */
  contextOf: number | null;
  onBack: () => void;
}) {
  const found = search.view.lines;
  const query = search.query;
  return (
    <div
      data-history
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sky-600/30 bg-sky-50 px-3 py-2 text-sm dark:border-sky-400/30 dark:bg-sky-400/10"
    >
      <span className="font-semibold">History</span>
      {contextOf !== null ? (
        <span>Context of one line (same container, before and after)</span>
      ) : (
        <>
          <span>
            {query?.regex ? 'pattern ' : ''}
            <code className="font-mono">{query?.text || 'everything'}</code>
            {query?.containers?.length ? ` in ${query.containers.join(', ')}` : ' in all containers'}
          </span>
          <label className="inline-flex items-center gap-1">
            <span className="sr-only">Time range</span>
            <select
              value={range}
              onChange={(event) => onRange(event.target.value as RangeValue)}
              className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
            >
              {RANGES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <span data-search-status aria-live="polite">
            {search.status === 'loading'
              ? 'Searching…'
              : search.status === 'error'
                ? `Search failed: ${search.error}`
                : `${found.toLocaleString('en')} line${found === 1 ? '' : 's'} found${search.more ? ' so far' : ''}${search.scanned > found ? ` (${search.scanned.toLocaleString('en')} looked at)` : ''}`}
          </span>
          {search.more && search.status !== 'loading' && (
            <button type="button" className={LINK} onClick={search.loadOlder}>
              Look further back
            </button>
          )}
        </>
      )}
      <button type="button" className={`${LINK} ml-auto`} onClick={onBack}>
        {contextOf !== null ? '← Back to results' : '← Back to live tail'}
      </button>
    </div>
  );
}
