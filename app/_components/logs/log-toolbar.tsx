'use client';

const BUTTON =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

export type Layout = 'merged' | 'split';

export interface ToolbarProps {
  filter: string;
  filterError: string | null;
  onFilter: (text: string) => void;
  /** Enter in the box, or the button: search the whole history for it. */
  onSearch: () => void;
  live: boolean;
  paused: boolean;
  onPause: (paused: boolean) => void;
  onClear: () => void;
  onDownload: () => void;
  layout: Layout;
  onLayout: (layout: Layout) => void;
}

/** Filter as you type (`/` focuses it), search history, pause, clear, download, merged or side by side. */
export function LogToolbar(props: ToolbarProps) {
  const {
    filter,
    filterError,
    onFilter,
    onSearch,
    live,
    paused,
    onPause,
    onClear,
    onDownload,
    layout,
    onLayout,
  } = props;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-56 flex-1">
        <label htmlFor="log-filter" className="sr-only">
          Filter lines
        </label>
        <input
          id="log-filter"
          data-search
          type="search"
          value={filter}
          onChange={(event) => onFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onSearch();
            } else if (event.key === 'Escape') {
              onFilter('');
            }
          }}
          placeholder="Filter lines — text or /regex/ · Enter searches all history · press / to focus"
          aria-invalid={filterError ? true : undefined}
          aria-describedby={filterError ? 'log-filter-error' : undefined}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-slate-400 aria-invalid:border-rose-500 dark:border-slate-700 dark:bg-slate-900"
        />
        {filterError && (
          <p id="log-filter-error" role="alert" className="mt-1 text-xs text-rose-700 dark:text-rose-400">
            Not a valid pattern: {filterError}
          </p>
        )}
      </div>
      <button type="button" className={BUTTON} onClick={onSearch}>
        Search history
      </button>
      {live && (
        <>
          <button type="button" className={BUTTON} aria-pressed={paused} onClick={() => onPause(!paused)}>
            {paused ? '▶ Resume' : '❚❚ Pause'}
          </button>
          <button type="button" className={BUTTON} onClick={onClear}>
            Clear
          </button>
        </>
      )}
      <button type="button" className={BUTTON} onClick={onDownload}>
        Download
      </button>
      <div
        role="group"
        aria-label="Layout"
        className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      >
        {(['merged', 'split'] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={layout === value}
            onClick={() => onLayout(value)}
            className="px-2.5 py-1 text-xs text-slate-600 aria-pressed:bg-slate-200 aria-pressed:text-slate-900 dark:text-slate-300 dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-white"
          >
            {value === 'merged' ? 'Merged' : 'Side by side'}
          </button>
        ))}
      </div>
    </div>
  );
}
