'use client';

import Link from 'next/link';
import { formatDeployDuration } from '@/lib/client/deploys/deploy-format';
import { isRunning } from '@/lib/client/deploys/deploy-list';
import {
  lastFailure,
  latestDeploys,
  outstandingFailures,
  runningCount,
} from '@/lib/client/deploys/deploy-summary';
import { useAcknowledged } from '@/lib/client/deploys/use-acknowledged';
import { useDeployList, type DeploysInitial } from '@/lib/client/deploys/use-deploy-list';
import { useHydrated } from '@/lib/client/deploys/use-hydrated';
import { useTick } from '@/lib/client/deploys/use-tick';
import { DeployTarget } from '../deploys/deploy-target';
import { ProgressBar } from '../deploys/progress-bar';
import { StatusBadge } from '../deploys/status-badge';
import { DeployTime } from '../deploys/deploy-time';

const NONE: ReadonlySet<string> = new Set();

/**
 * The overview's deploys card, live: how many run now, the last failure, the last three deploys.
 * Until the first deploy it shows `empty` (the teaching empty state), and switches live when one starts.
 */
export function DeploysSummary({ initial, empty }: { initial: DeploysInitial; empty: React.ReactNode }) {
  const state = useDeployList(initial);
  const { seen } = useAcknowledged();
  const hydrated = useHydrated();
  const ticking = useTick(1_000);
  const now = ticking === 0 ? initial.loadedAt : ticking;
  const latest = latestDeploys(state, 3);
  if (latest.length === 0) return <>{empty}</>;

  const running = runningCount(state);
  const failure = lastFailure(state);
  const outstanding = outstandingFailures(state, hydrated ? seen : NONE, now);
  const failureOpen = failure !== null && outstanding.some((d) => d.id === failure.id);

  return (
    <div className="space-y-3 text-sm" data-deploys-summary>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span
          className={`font-semibold ${running > 0 ? 'text-sky-700 dark:text-sky-300' : 'text-slate-800 dark:text-slate-100'}`}
          data-running-count={running}
        >
          {running === 0 ? 'Nothing deploying' : `${running} ${running === 1 ? 'deploy' : 'deploys'} running`}
        </span>
        {outstanding.length > 0 && (
          <span className="rounded bg-rose-600 px-1.5 py-px text-xs font-bold text-white uppercase">
            <span aria-hidden="true">✕ </span>
            {outstanding.length} failed
          </span>
        )}
      </p>
      {failure && (
        <p
          className={failureOpen ? 'text-rose-800 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400'}
          data-last-failure
        >
          Last failure:{' '}
          <Link
            href={`/deploys/${encodeURIComponent(failure.id)}`}
            className="underline-offset-2 hover:underline"
          >
            <DeployTarget deploy={failure} />
          </Link>{' '}
          <DeployTime ms={failure.finishedAt ?? failure.updatedAt} />
        </p>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Last 3 deploys">
        {latest.map((d) => (
          <li key={d.id} className="py-2" data-summary-deploy={d.id}>
            <div className="flex items-center justify-between gap-2">
              <Link
                href={`/deploys/${encodeURIComponent(d.id)}`}
                className="min-w-0 truncate hover:underline"
              >
                <DeployTarget deploy={d} />
              </Link>
              <StatusBadge status={d.status} />
            </div>
            {isRunning(d.status) ? (
              <div className="mt-1.5 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <span className="min-w-0 flex-1">
                  <ProgressBar percent={d.percent} status={d.status} label={`${d.service} progress`} />
                </span>
                <span className="shrink-0 font-mono">{d.currentStep ?? 'starting…'}</span>
                <span className="shrink-0 tabular-nums">{formatDeployDuration(d, now)}</span>
              </div>
            ) : (
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                <DeployTime ms={d.startedAt} /> · took {formatDeployDuration(d, now)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
