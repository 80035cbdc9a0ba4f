import { formatClock, formatExact } from '@/lib/client/format-time';
import { formatPercent, statusWord } from '@/lib/client/deploys/deploy-format';
import type { ChangeRow } from '@/lib/server/deploys/store';
import { STATUS_TEXT, asStatus } from './status-style';

/** The words each recorded change uses: webhook statuses, spelled for people. */
const CHANGE_WORDS: Record<string, string> = { started: 'Started', in_progress: 'Progress' };

function changeStatus(status: string): string {
  return status === 'started' || status === 'in_progress' ? 'running' : status;
}

/**
 * Every status change as it arrived, oldest first and new ones at the bottom, like a terminal:
 * time, status, step, percent, and the message (log excerpt) in monospace.
 */
export function ChangeLog({ changes }: { changes: readonly ChangeRow[] }) {
  if (changes.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No status changes recorded.</p>;
  return (
    <ol
      className="max-h-[28rem] overflow-y-auto rounded-md border border-slate-200 bg-slate-50 font-mono text-xs dark:border-slate-800 dark:bg-slate-950"
      data-changes
    >
      {changes.map((c, i) => (
        <li
          key={`${c.at}-${i}`}
          className="border-b border-slate-200 px-3 py-1.5 last:border-b-0 dark:border-slate-800/70"
        >
          <div className="flex flex-wrap items-baseline gap-x-2">
            <time
              dateTime={new Date(c.at).toISOString()}
              title={formatExact(c.at)}
              className="text-slate-500 tabular-nums"
              // Server and browser may sit in different time zones.
              suppressHydrationWarning
            >
              {formatClock(c.at)}
            </time>
            <span className={`font-semibold ${STATUS_TEXT[asStatus(changeStatus(c.status))]}`}>
              {CHANGE_WORDS[c.status] ?? statusWord(c.status)}
            </span>
            {c.step && <span className="text-slate-800 dark:text-slate-200">{c.step}</span>}
            {c.percent !== null && (
              <span className="text-slate-500 tabular-nums">{formatPercent(c.percent)}</span>
            )}
          </div>
          {c.message && (
            <pre className="mt-1 overflow-x-auto break-words whitespace-pre-wrap text-slate-700 dark:text-slate-300">
              {c.message}
            </pre>
          )}
        </li>
      ))}
    </ol>
  );
}
