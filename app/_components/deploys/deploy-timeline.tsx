'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import {
  SOURCE_WORDS,
  formatDeployDuration,
  formatPercent,
  shortCommit,
} from '@/lib/client/deploys/deploy-format';
import { isRunning } from '@/lib/client/deploys/deploy-list';
import type { DeployDetail } from '@/lib/client/deploys/deploy-schemas';
import { buildTimeline } from '@/lib/client/deploys/timeline';
import { markSeen } from '@/lib/client/deploys/use-acknowledged';
import { useDeployDetail } from '@/lib/client/deploys/use-deploy-detail';
import { useTick } from '@/lib/client/deploys/use-tick';
import { DeployTime } from './deploy-time';
import { ChangeLog } from './change-log';
import { DeployTarget } from './deploy-target';
import { ProgressBar } from './progress-bar';
import { StaleNote } from './stale-note';
import { StatusBadge } from './status-badge';
import { CARD, LINK } from './status-style';
import { StepGantt } from './step-gantt';

/**
 * One deploy, live: what was deployed where, by whom, from which commit, its outcome, a gantt of
 * its steps and every status change with its message. Opening a failed deploy marks it as seen.
 */
export function DeployTimeline({ initial, loadedAt }: { initial: DeployDetail; loadedAt: number }) {
  const { deploy, steps, changes, refreshError } = useDeployDetail(initial);
  const running = isRunning(deploy.status);
  const ticking = useTick(running ? 1_000 : 60_000);
  const now = ticking === 0 ? loadedAt : ticking;
  const timeline = buildTimeline(deploy, steps, now);

  useEffect(() => {
    if (deploy.status === 'failure') markSeen([deploy.id]);
  }, [deploy.status, deploy.id]);

  const facts: [string, React.ReactNode][] = [
    ['Started', <DeployTime key="s" ms={deploy.startedAt} />],
    [
      running ? 'Running for' : 'Took',
      <span key="d" className="tabular-nums" data-deploy-duration>
        {formatDeployDuration(deploy, now)}
      </span>,
    ],
    ['Triggered by', deploy.triggeredBy ?? '—'],
    [
      'Commit',
      deploy.commitSha ? (
        <span key="c" className="font-mono" title={deploy.commitSha}>
          {shortCommit(deploy.commitSha)}
        </span>
      ) : (
        '—'
      ),
    ],
    [
      'Version',
      deploy.version ? (
        <span key="v" className="font-mono">
          {deploy.version}
        </span>
      ) : (
        '—'
      ),
    ],
    ['Source', SOURCE_WORDS[deploy.source] ?? deploy.source],
    [
      'CI run',
      deploy.url ? (
        <a
          key="u"
          href={deploy.url}
          target="_blank"
          rel="noreferrer"
          className={`${LINK} break-all`}
          data-ci-link
        >
          Open the run <span aria-hidden="true">↗</span>
        </a>
      ) : (
        '—'
      ),
    ],
    ['Finished', deploy.finishedAt ? <DeployTime key="f" ms={deploy.finishedAt} /> : '—'],
  ];

  return (
    <div className="space-y-6" data-deploy-detail={deploy.id} data-deploy-status={deploy.status}>
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/deploys" className={LINK}>
            ← All deploys
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight">
            <DeployTarget deploy={deploy} />
          </h1>
          <StatusBadge status={deploy.status} large />
          <StaleNote />
        </div>
        <p className="font-mono text-xs break-all text-slate-500 dark:text-slate-400">{deploy.id}</p>
        {deploy.status === 'failure' && (
          <div
            role="alert"
            className="rounded-lg border border-l-8 border-rose-600/50 border-l-rose-600 bg-rose-50 px-4 py-3 text-rose-900 dark:border-rose-500/50 dark:border-l-rose-500 dark:bg-rose-500/15 dark:text-rose-100"
          >
            <p className="font-semibold">
              This deploy failed{deploy.currentStep ? ` at step “${deploy.currentStep}”` : ''}.
            </p>
            {deploy.message && (
              <pre className="mt-1 font-mono text-xs break-words whitespace-pre-wrap">{deploy.message}</pre>
            )}
          </div>
        )}
        {running && (
          <div className="space-y-1">
            <div className="flex justify-between text-sm">
              <span>
                Step <span className="font-mono font-medium">{deploy.currentStep ?? 'starting…'}</span>
              </span>
              <span className="tabular-nums">{formatPercent(deploy.percent)}</span>
            </div>
            <ProgressBar percent={deploy.percent} status={deploy.status} label="Deploy progress" />
          </div>
        )}
        {refreshError && (
          <p role="status" className="text-sm text-amber-700 dark:text-amber-300">
            {refreshError} Retrying with the next update.
          </p>
        )}
      </header>

      <dl className={`${CARD} grid grid-cols-2 gap-x-4 gap-y-3 p-4 text-sm sm:grid-cols-4`}>
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{term}</dt>
            <dd className="mt-0.5 truncate">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="steps-title" className={`${CARD} p-4`}>
        <h2 id="steps-title" className="mb-3 font-semibold">
          Steps
        </h2>
        <StepGantt timeline={timeline} />
      </section>

      <section aria-labelledby="changes-title" className="space-y-2">
        <h2 id="changes-title" className="font-semibold">
          Status changes{' '}
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            ({changes.length}, oldest first)
          </span>
        </h2>
        <ChangeLog changes={changes} />
      </section>
    </div>
  );
}
