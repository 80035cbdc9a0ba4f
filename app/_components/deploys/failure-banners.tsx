'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { LiveDeploy } from '@/lib/client/deploys/deploy-list';
import { DeployTime } from './deploy-time';
import { ArrivalGlow } from './arrival-glow';
import { DeployTarget } from './deploy-target';

const SHOWN = 3;
const ACTION =
  'rounded-md border border-rose-700/30 bg-white px-2.5 py-1 text-xs font-medium text-rose-800 hover:bg-rose-100 dark:border-rose-300/30 dark:bg-rose-950 dark:text-rose-200 dark:hover:bg-rose-900';

/**
 * Failed deploys nobody has marked as seen and that no later success has fixed: a red banner each,
 * in words ("Failed"), that stays across reloads until someone marks it seen or a newer deploy of
 * the same service and environment succeeds. (DeploysBoard announces new ones to screen readers.)
 */
export function FailureBanners({
  failures,
  onSeen,
}: {
  failures: readonly LiveDeploy[];
  onSeen: (ids: readonly string[]) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? failures : failures.slice(0, SHOWN);
  const hidden = failures.length - shown.length;
  return (
    <section aria-label="Failed deploys" className="space-y-2" data-failure-banners>
      {shown.map((d) => (
        <div
          key={d.id}
          data-failed-deploy={d.id}
          className="relative flex flex-wrap items-start gap-x-3 gap-y-2 rounded-lg border border-l-8 border-rose-600/50 border-l-rose-600 bg-rose-50 px-4 py-3 dark:border-rose-500/50 dark:border-l-rose-500 dark:bg-rose-500/15"
        >
          <ArrivalGlow show={d.arrived} />
          <span
            data-failed-label
            className="inline-flex items-center gap-1 rounded bg-rose-600 px-2 py-0.5 text-sm font-bold tracking-wide text-white uppercase"
          >
            <span aria-hidden="true">✕</span> Failed
          </span>
          <div className="min-w-0 flex-1 basis-56">
            <p className="font-semibold text-rose-900 dark:text-rose-100">
              <DeployTarget deploy={d} /> failed
              {d.currentStep ? (
                <>
                  {' '}
                  at step <span className="font-mono">{d.currentStep}</span>
                </>
              ) : null}
              <span className="font-normal text-rose-800 dark:text-rose-200">
                {' · '}
                <DeployTime ms={d.finishedAt ?? d.updatedAt} />
              </span>
            </p>
            {d.message && (
              <p className="mt-1 line-clamp-2 font-mono text-xs break-words text-rose-900/90 dark:text-rose-100/90">
                {d.message}
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/deploys/${encodeURIComponent(d.id)}`} className={ACTION}>
              Open timeline
            </Link>
            {d.url && (
              <a href={d.url} target="_blank" rel="noreferrer" className={ACTION}>
                CI run <span aria-hidden="true">↗</span>
              </a>
            )}
            <button type="button" className={ACTION} onClick={() => onSeen([d.id])}>
              Mark as seen
            </button>
          </div>
        </div>
      ))}
      {(hidden > 0 || expanded) && failures.length > SHOWN && (
        <div className="flex flex-wrap items-center gap-2 text-sm text-rose-800 dark:text-rose-300">
          <button type="button" className={ACTION} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Show fewer' : `Show ${hidden} more failed ${hidden === 1 ? 'deploy' : 'deploys'}`}
          </button>
          <button type="button" className={ACTION} onClick={() => onSeen(failures.map((d) => d.id))}>
            Mark all {failures.length} as seen
          </button>
        </div>
      )}
    </section>
  );
}
