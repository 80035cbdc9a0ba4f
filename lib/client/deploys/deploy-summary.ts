/**
 * What the deploy views derive from the list: the running panel, the failures nobody has seen, and
 * the one-line status. Pure selectors over DeployListState.
 */
import { isRunning, type DeployListState, type LiveDeploy } from './deploy-list';

export const DAY_MS = 24 * 3600 * 1000;
/** A finished deploy stays in the running panel this long (client clock), showing its outcome. */
export const LINGER_MS = 20_000;
/** Failures older than this no longer raise a banner, even when unseen. */
export const FAILURE_BANNER_WINDOW_MS = 7 * DAY_MS;

export function allDeploys(state: DeployListState): LiveDeploy[] {
  return Object.values(state.byId);
}

/**
 * The running panel: deploys in progress, oldest first, so a new one lands at the end and nothing
 * already on screen moves; a deploy that just ended lingers with its outcome instead of vanishing.
 * `pinned` ids (under the pointer) stay until the pointer leaves.
 */
export function runningPanel(
  state: DeployListState,
  clientNow: number,
  pinned: ReadonlySet<string> = new Set(),
): LiveDeploy[] {
  return allDeploys(state)
    .filter(
      (d) =>
        isRunning(d.status) ||
        (d.endedLiveAt !== undefined && clientNow - d.endedLiveAt < LINGER_MS) ||
        pinned.has(d.id),
    )
    .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}

export function runningCount(state: DeployListState): number {
  return allDeploys(state).filter((d) => isRunning(d.status)).length;
}

/** Failures that ended in the window before `now` (server-clock times). */
export function failuresWithin(state: DeployListState, now: number, windowMs = DAY_MS): LiveDeploy[] {
  return allDeploys(state).filter(
    (d) => d.status === 'failure' && (d.finishedAt ?? d.updatedAt) >= now - windowMs,
  );
}

/** Same service in the same environment (a failure in staging is not fixed by a success in production). */
function sameTarget(a: LiveDeploy, b: LiveDeploy): boolean {
  return (
    a.service === b.service && (a.environment === b.environment || a.partial === true || b.partial === true)
  );
}

/**
 * Failures that should stay in front of everyone: not marked as seen, recent, and not superseded by
 * a later successful deploy of the same service and environment. Newest first.
 */
export function outstandingFailures(
  state: DeployListState,
  acknowledged: ReadonlySet<string>,
  now: number,
): LiveDeploy[] {
  const all = allDeploys(state);
  const successes = all.filter((d) => d.status === 'success');
  return all
    .filter(
      (d) =>
        d.status === 'failure' &&
        !acknowledged.has(d.id) &&
        (d.finishedAt ?? d.updatedAt) >= now - FAILURE_BANNER_WINDOW_MS &&
        !successes.some((s) => sameTarget(s, d) && s.startedAt > d.startedAt),
    )
    .sort((a, b) => (b.finishedAt ?? b.updatedAt) - (a.finishedAt ?? a.updatedAt));
}

/** The newest deploys, any status, newest first. */
export function latestDeploys(state: DeployListState, count: number): LiveDeploy[] {
  return allDeploys(state)
    .sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id))
    .slice(0, count);
}

/** The most recent failure, if any. */
export function lastFailure(state: DeployListState): LiveDeploy | null {
  let last: LiveDeploy | null = null;
  for (const d of allDeploys(state)) {
    if (d.status !== 'failure') continue;
    if (!last || (d.finishedAt ?? d.updatedAt) > (last.finishedAt ?? last.updatedAt)) last = d;
  }
  return last;
}

export type StatusTone = 'bad' | 'busy' | 'good' | 'idle';

export interface StatusLine {
  tone: StatusTone;
  /** e.g. "2 deploys running" */
  running: string;
  /** e.g. "1 failed in the last 24 h" */
  failed: string;
  /** The whole line, for titles and screen readers. */
  text: string;
  runningCount: number;
  failedCount: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "2 deploys running · 1 failed in the last 24 h". Red while a failure is outstanding, blue while
 * something runs, green when all is quiet; never colour alone, the words say the same.
 */
export function statusLine(state: DeployListState, now: number, outstanding: number): StatusLine {
  const all = allDeploys(state);
  if (all.length === 0) {
    return {
      tone: 'idle',
      running: 'No deploys yet',
      failed: '',
      text: 'No deploys yet',
      runningCount: 0,
      failedCount: 0,
    };
  }
  const running = runningCount(state);
  const failed = failuresWithin(state, now).length;
  const runningText =
    running === 0 ? 'No deploys running' : `${plural(running, 'deploy', 'deploys')} running`;
  const failedText = failed === 0 ? 'none failed in the last 24 h' : `${failed} failed in the last 24 h`;
  const tone: StatusTone = outstanding > 0 ? 'bad' : running > 0 ? 'busy' : 'good';
  return {
    tone,
    running: runningText,
    failed: failedText,
    text: `${runningText} · ${failedText}`,
    runningCount: running,
    failedCount: failed,
  };
}
