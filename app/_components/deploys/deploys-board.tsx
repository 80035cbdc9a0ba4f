'use client';

import { outstandingFailures, statusLine } from '@/lib/client/deploys/deploy-summary';
import { useAcknowledged } from '@/lib/client/deploys/use-acknowledged';
import { useDeployList, type DeploysInitial } from '@/lib/client/deploys/use-deploy-list';
import { useHydrated } from '@/lib/client/deploys/use-hydrated';
import { useTick } from '@/lib/client/deploys/use-tick';
import { DeployStatusLine } from './deploy-status-line';
import { FailureBanners } from './failure-banners';
import { RunningDeploys } from './running-deploys';
import { StaleNote } from './stale-note';
import { useStale } from './use-stale';

const NONE_SEEN: ReadonlySet<string> = new Set();

/**
 * The top of the deploys page, live: the one-line status, the failures nobody has seen yet, and the
 * deploys running now. Starts from the server render, then follows the event stream.
 */
export function DeploysBoard({ initial }: { initial: DeploysInitial }) {
  const state = useDeployList(initial);
  const { seen, markSeen } = useAcknowledged();
  const { stale } = useStale();
  // Before the first client tick (and on the server) the render time stands in for "now".
  const ticking = useTick(1_000);
  const now = ticking === 0 ? initial.loadedAt : ticking;
  // Which failures this browser has seen is known only after hydration: no flash of seen banners.
  const hydrated = useHydrated();
  const failures = outstandingFailures(state, hydrated ? seen : NONE_SEEN, now);
  const line = statusLine(state, now, failures.length);
  // Failures that arrived while the page was open are announced; those on screen at load are not.
  const arrived = failures.find((d) => d.arrived);
  return (
    <div className="space-y-4">
      <DeployStatusLine line={line} extra={<StaleNote className="sm:ml-auto" />} />
      <p role="status" className="sr-only">
        {arrived
          ? `Deploy failed: ${arrived.service}${arrived.environment ? ` to ${arrived.environment}` : ''}`
          : ''}
      </p>
      {hydrated && failures.length > 0 && <FailureBanners failures={failures} onSeen={markSeen} />}
      <RunningDeploys state={state} now={now} stale={stale} />
    </div>
  );
}
