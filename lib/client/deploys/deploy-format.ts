/** Words for deploy states and times, shared by the live views, the history and the timeline. */
import type { StepStatus } from '@/lib/server/deploys/types';
import type { DEPLOY_STATUSES } from '@/lib/events';
import { formatDuration } from '../format-time';

type DeployStatus = (typeof DEPLOY_STATUSES)[number];
export type AnyStatus = DeployStatus | StepStatus;

/** Every status in words: colour is never the only signal. */
export const STATUS_WORDS: Record<AnyStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  success: 'Succeeded',
  failure: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** A glyph per status, for scanning a column; always beside the word. */
export const STATUS_GLYPHS: Record<AnyStatus, string> = {
  queued: '◌',
  running: '●',
  success: '✓',
  failure: '✕',
  cancelled: '⊘',
  skipped: '↷',
};

export function statusWord(status: string): string {
  return STATUS_WORDS[status as AnyStatus] ?? status;
}

/**
 * Elapsed time of something still running, to the second: "0s", "42s", "1m 42s", "2h 5m". Times
 * before the start (clock skew between browser and server) count as zero.
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds === 0 ? '0s' : formatDuration(seconds * 1000);
}

/** How long a deploy took, or has been running at `now`. */
export function deployDurationMs(
  deploy: { startedAt: number; finishedAt: number | null },
  now: number,
): number {
  return Math.max(0, (deploy.finishedAt ?? now) - deploy.startedAt);
}

/**
 * A deploy's duration in words: ticking seconds while it runs ("1m 42s"), the exact figure once it
 * ended ("850 ms", "1m 42s").
 */
export function formatDeployDuration(
  deploy: { startedAt: number; finishedAt: number | null },
  now: number,
): string {
  const ms = deployDurationMs(deploy, now);
  return deploy.finishedAt === null ? formatElapsed(ms) : formatDuration(ms);
}

/** A commit as people quote it: the first 7 characters of a hex SHA, other refs as they are. */
export function shortCommit(commit: string): string {
  return /^[0-9a-f]{12,64}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

/** "42%" with at most one decimal, as progress bars label themselves. */
export function formatPercent(percent: number): string {
  const clamped = Math.max(0, Math.min(100, percent));
  return `${Math.round(clamped * 10) / 10}%`;
}

/** Where a CI run lives, in words: "GitHub Actions", "GitLab CI", "CI". */
export const SOURCE_WORDS: Record<string, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
  generic: 'CI',
};
