'use client';

import { METRIC_GROUPS, RATES, type GroupId } from '@/lib/client/live-metrics/metric-groups';

const SEGMENT =
  'px-2.5 py-1 text-sm tabular-nums first:rounded-l-md last:rounded-r-md border border-slate-300 dark:border-slate-700 -ml-px first:ml-0';
const SEGMENT_ON = 'bg-sky-600 text-white border-sky-600 dark:bg-sky-500 dark:border-sky-500 relative';
const SEGMENT_OFF =
  'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

/** The rate the server samples at for this tab (1–60 Hz), and which groups of metrics it sends. */
export function MetricsControls({
  rate,
  groups,
  onRate,
  onToggle,
}: {
  rate: number;
  groups: ReadonlySet<GroupId>;
  onRate: (rate: number) => void;
  onToggle: (group: GroupId) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">Sample rate</legend>
        <span aria-hidden="true" className="text-sm text-slate-600 dark:text-slate-400">
          Rate
        </span>
        <span className="inline-flex">
          {RATES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={rate === r}
              aria-label={`${r} samples per second`}
              onClick={() => onRate(r)}
              className={`${SEGMENT} ${rate === r ? SEGMENT_ON : SEGMENT_OFF}`}
            >
              {r} Hz
            </button>
          ))}
        </span>
      </fieldset>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <legend className="sr-only">Metrics sent</legend>
        {METRIC_GROUPS.map((g) => (
          <label
            key={g.id}
            className="inline-flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-200"
          >
            <input
              type="checkbox"
              checked={groups.has(g.id)}
              onChange={() => onToggle(g.id)}
              className="size-4 accent-sky-600"
            />
            {g.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
