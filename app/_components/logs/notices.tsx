'use client';

import type { DroppedNotice } from '@/lib/client/logs/logs-api';

const WHY: Record<DroppedNotice['reasons'][number], string> = {
  slow: 'this tab could not keep up',
  rate: 'more than this view takes per second',
  gap: 'too many to replay after the reconnect',
};

const BOX = 'flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-1.5 text-sm';
const LINK = 'font-medium underline underline-offset-2 hover:no-underline';

/** Lines waiting while paused, lines the server left out, and lines dropped from the top of the view. */
export function TailNotices({
  paused,
  waiting,
  onResume,
  dropped,
  onShowDropped,
  onDismissDropped,
  trimmed,
}: {
  paused: boolean;
  waiting: number;
  onResume: () => void;
  dropped: readonly DroppedNotice[];
  onShowDropped: (notice: DroppedNotice) => void;
  onDismissDropped: () => void;
  trimmed: number;
}) {
  const last = dropped.at(-1);
  const total = dropped.reduce((n, d) => n + d.count, 0);
  const reasons = [...new Set(dropped.flatMap((d) => d.reasons))].map((r) => WHY[r]).join('; ');
  return (
    <>
      {paused && (
        <div
          data-paused
          role="status"
          className={`${BOX} border-amber-600/30 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200`}
        >
          <span className="font-semibold">Paused</span>
          <span data-waiting>
            {waiting.toLocaleString('en')} new line{waiting === 1 ? '' : 's'} waiting
          </span>
          <button type="button" className={LINK} onClick={onResume}>
            Resume
          </button>
        </div>
      )}
      {last && (
        <div
          data-dropped
          role="status"
          className={`${BOX} border-slate-300 bg-slate-100 text-slate-800 dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-200`}
        >
          <span>
            The server skipped {total > 0 ? `${total.toLocaleString('en')} lines` : 'some lines'} ({reasons}).
            They are stored.
          </span>
          {last.fromId !== null && last.toId !== null && (
            <button type="button" className={LINK} onClick={() => onShowDropped(last)}>
              Show them
            </button>
          )}
          <button type="button" className={LINK} onClick={onDismissDropped}>
            Dismiss
          </button>
        </div>
      )}
      {trimmed > 0 && !paused && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          The view keeps the newest 100,000 lines; {trimmed.toLocaleString('en')} older ones left it (search
          history for them).
        </p>
      )}
    </>
  );
}
