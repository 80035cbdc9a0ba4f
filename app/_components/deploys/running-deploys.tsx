'use client';

import Link from 'next/link';
import { useState } from 'react';
import { formatDeployDuration, formatPercent, shortCommit } from '@/lib/client/deploys/deploy-format';
import { isRunning, type DeployListState, type LiveDeploy } from '@/lib/client/deploys/deploy-list';
import { runningPanel } from '@/lib/client/deploys/deploy-summary';
import { formatDuration } from '@/lib/client/format-time';
import { ArrivalGlow } from './arrival-glow';
import { DeployTarget } from './deploy-target';
import { DeployTime } from './deploy-time';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';
import { CARD, LINK } from './status-style';

/**
 * Deploys in progress, each with its progress bar, current step, elapsed time and target. New ones
 * join at the end and finished ones linger with their outcome, so nothing jumps; while the pointer
 * or focus is on the list, nothing leaves it either.
 */
export function RunningDeploys({
  state,
  now,
  stale,
}: {
  state: DeployListState;
  now: number;
  stale: boolean;
}) {
  const [pinned, setPinned] = useState<ReadonlySet<string> | null>(null);
  const shown = runningPanel(state, now, pinned ?? undefined);
  const pin = () => setPinned((p) => p ?? new Set(shown.map((d) => d.id)));

  return (
    <section aria-labelledby="running-title" data-running-deploys data-stale={stale || undefined}>
      <h2 id="running-title" className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">
        Running now
      </h2>
      {shown.length === 0 ? (
        <p className={`${CARD} px-4 py-5 text-sm text-slate-600 dark:text-slate-400`}>
          Nothing is deploying right now. A deploy appears here the moment its CI job reports{' '}
          <span className="font-mono">started</span>, with its progress, step and elapsed time.
        </p>
      ) : (
        <ul
          className={`grid gap-3 md:grid-cols-2 ${stale ? 'opacity-70' : ''}`}
          onPointerEnter={pin}
          onPointerLeave={() => setPinned(null)}
          onFocus={pin}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setPinned(null);
          }}
        >
          {shown.map((d) => (
            <RunningCard key={d.id} deploy={d} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A running deploy silent this long gets a note. */
const QUIET_MS = 15 * 60_000;

function RunningCard({ deploy: d, now }: { deploy: LiveDeploy; now: number }) {
  const running = isRunning(d.status);
  return (
    <li data-deploy={d.id} data-deploy-status={d.status} className={`relative ${CARD} p-3`}>
      <ArrivalGlow show={d.arrived} />
      <div className="flex items-start justify-between gap-2">
        <p className="min-w-0 text-sm">
          <Link href={`/deploys/${encodeURIComponent(d.id)}`} className="hover:underline">
            <DeployTarget deploy={d} />
          </Link>
        </p>
        <StatusBadge status={d.status} />
      </div>
      <div className="mt-2 flex items-baseline justify-between gap-2 text-sm">
        <p className="min-w-0 truncate" data-current-step>
          <span className="text-slate-500 dark:text-slate-400">{running ? 'Step ' : 'Last step '}</span>
          <span className="font-mono font-medium">{d.currentStep ?? (running ? 'starting…' : '—')}</span>
        </p>
        <p className="shrink-0 text-slate-600 tabular-nums dark:text-slate-300">
          <span data-percent>{formatPercent(d.percent)}</span>
          <span aria-hidden="true"> · </span>
          <span className="sr-only">, </span>
          <span data-elapsed title={running ? 'Elapsed' : 'Took'}>
            {formatDeployDuration(d, now)}
          </span>
        </p>
      </div>
      <div className="mt-2">
        <ProgressBar percent={d.percent} status={d.status} label={`${d.service} progress`} />
      </div>
      {running && now - d.updatedAt >= QUIET_MS && (
        // A CI job that died without reporting leaves a deploy "running" forever: say so.
        <p className="mt-2 text-xs font-medium text-amber-700 dark:text-amber-300" data-quiet>
          <span aria-hidden="true">⚠ </span>No update for {formatDuration(now - d.updatedAt)}
        </p>
      )}
      <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        <span>
          started <DeployTime ms={d.startedAt} />
        </span>
        {d.triggeredBy && <span>by {d.triggeredBy}</span>}
        {d.commitSha && (
          <span className="font-mono" title={d.commitSha}>
            {shortCommit(d.commitSha)}
          </span>
        )}
        <Link href={`/deploys/${encodeURIComponent(d.id)}`} className={`${LINK} ml-auto`}>
          Timeline →
        </Link>
      </p>
    </li>
  );
}
