import { formatDuration } from '@/lib/client/format-time';
import { formatElapsed, statusWord } from '@/lib/client/deploys/deploy-format';
import type { Timeline } from '@/lib/client/deploys/timeline';
import { STATUS_FILL, STATUS_TEXT, asStatus } from './status-style';

/**
 * Steps as bars on one time axis: where each started within the deploy and how long it took. Each
 * row also says its status and duration in words; the bars are the glance, not the only record.
 */
export function StepGantt({ timeline }: { timeline: Timeline }) {
  if (timeline.bars.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No steps reported yet. Steps appear as the CI system reports them (
        <span className="font-mono">step</span> in the generic webhook, jobs and steps from GitHub and
        GitLab).
      </p>
    );
  }
  return (
    <div>
      <ol className="space-y-2" data-steps>
        {timeline.bars.map((bar) => {
          const status = asStatus(bar.status);
          return (
            <li
              key={bar.name}
              data-step={bar.name}
              data-step-status={bar.status}
              className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)_10rem]"
            >
              <span className="min-w-0 truncate font-mono text-sm" title={bar.name}>
                {bar.name}
              </span>
              <span
                className={`text-right text-xs whitespace-nowrap tabular-nums sm:order-last ${STATUS_TEXT[status]}`}
              >
                {statusWord(status)}
                {bar.durationMs !== null && (
                  <>
                    {' · '}
                    <span data-step-duration>
                      {bar.open ? formatElapsed(bar.durationMs) : formatDuration(bar.durationMs)}
                    </span>
                  </>
                )}
              </span>
              <span
                className="relative col-span-2 h-3 rounded bg-slate-100 sm:col-span-1 dark:bg-slate-800"
                aria-hidden="true"
              >
                {bar.width !== null && (
                  <span
                    className={`absolute inset-y-0 rounded ${STATUS_FILL[status]} ${bar.open ? 'motion-safe:animate-pulse' : ''}`}
                    style={{ left: `${bar.offset}%`, width: `${bar.width}%` }}
                  />
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-right text-xs text-slate-500 dark:text-slate-400">
        Axis: the whole deploy, {formatDuration(timeline.spanMs)}
      </p>
    </div>
  );
}
