import 'server-only';
import type { DeploysInitial } from '@/lib/client/deploys/use-deploy-list';
import type { HistoryQuery } from '@/lib/client/deploys/history-query';
import {
  getChanges,
  getDeploy,
  getSteps,
  listDeploys,
  runningDeploys,
  serviceStats,
  type DeployRow,
  type ServiceStats,
} from '@/lib/server/deploys/store';
import { getDb } from '@/lib/server/store';

const DAY_MS = 24 * 3600 * 1000;
/** How far back failures are loaded for the banners and the "failed in the last 24 h" count. */
const FAILURE_WINDOW_MS = 7 * DAY_MS;

/**
 * Everything the live views start from: running deploys, the newest ones, and the last week's
 * failures (for the banners that stay until seen). Times are the server's.
 */
export function loadDeploysBoard(): DeploysInitial {
  const loadedAt = Date.now();
  const db = getDb();
  const byId = new Map<string, DeployRow>();
  const failures = listDeploys(db, { status: 'failure', limit: 200 }).filter(
    (d) => (d.finishedAt ?? d.updatedAt) >= loadedAt - FAILURE_WINDOW_MS,
  );
  // Whether a failure was fixed since: the newest success of its service and environment tells.
  const targets = new Map(failures.map((d) => [`${d.service}\u0000${d.environment}`, d]));
  const successes = [...targets.values()].flatMap(({ service, environment }) =>
    listDeploys(db, { service, environment, status: 'success', limit: 1 }),
  );
  for (const d of [...failures, ...successes, ...listDeploys(db, { limit: 20 }), ...runningDeploys(db)]) {
    byId.set(d.id, d);
  }
  return { loadedAt, deploys: [...byId.values()] };
}

export function loadHistory(query: HistoryQuery): DeployRow[] {
  return listDeploys(getDb(), query);
}

export interface DeployFacets {
  services: string[];
  environments: string[];
}

/**
 * The services and environments that have deploys, for the history's filters. (A read-only query
 * beside the store's own; it would sit well in lib/server/deploys/store.ts.)
 */
export function loadFacets(): DeployFacets {
  const db = getDb();
  const column = (name: 'service' | 'environment') =>
    db.prepare(`SELECT DISTINCT ${name} FROM deploys ORDER BY ${name} LIMIT 500`).pluck().all() as string[];
  return { services: column('service'), environments: column('environment') };
}

export const STATS_DAYS = 30;

export function loadStats(days = STATS_DAYS): ServiceStats[] {
  return serviceStats(getDb(), Date.now() - days * DAY_MS);
}

/** One deploy with its steps and status changes, or null when there is none with this id. */
export function loadDeployDetail(id: string) {
  const db = getDb();
  const deploy = getDeploy(db, id);
  if (!deploy) return null;
  return { deploy, steps: getSteps(db, id), changes: getChanges(db, id), loadedAt: Date.now() };
}
