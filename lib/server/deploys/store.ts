import 'server-only';
import type { Db } from '../store';
import { cached, cachedPluck } from '../store/statements';
import type { DeploySource, DeployStatus, StepStatus } from './types';

export interface DeployRow {
  id: string;
  source: DeploySource;
  service: string;
  environment: string;
  version: string | null;
  commitSha: string | null;
  triggeredBy: string | null;
  url: string | null;
  status: DeployStatus;
  currentStep: string | null;
  percent: number;
  message: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface StepRow {
  name: string;
  position: number;
  status: StepStatus;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface ChangeRow {
  at: number;
  status: string;
  step: string | null;
  percent: number | null;
  message: string | null;
}

const DEPLOY_COLUMNS = `id, source, service, environment, version, commit_sha AS commitSha,
  triggered_by AS triggeredBy, url, status, current_step AS currentStep, percent, message,
  started_at AS startedAt, updated_at AS updatedAt, finished_at AS finishedAt`;

export const FINAL_STATUSES: readonly DeployStatus[] = ['success', 'failure', 'cancelled'];

export function getDeploy(db: Db, id: string): DeployRow | undefined {
  return cached(db, `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE id = ?`).get(id) as DeployRow | undefined;
}

export function insertDeploy(db: Db, row: DeployRow): void {
  cached(
    db,
    `INSERT INTO deploys (id, source, service, environment, version, commit_sha, triggered_by, url, status,
       current_step, percent, message, started_at, updated_at, finished_at)
     VALUES (@id, @source, @service, @environment, @version, @commitSha, @triggeredBy, @url, @status,
       @currentStep, @percent, @message, @startedAt, @updatedAt, @finishedAt)`,
  ).run(row);
}

export function updateDeploy(db: Db, row: DeployRow): void {
  cached(
    db,
    `UPDATE deploys SET version = @version, commit_sha = @commitSha, triggered_by = @triggeredBy, url = @url,
       status = @status, current_step = @currentStep, percent = @percent, message = @message,
       updated_at = @updatedAt, finished_at = @finishedAt
     WHERE id = @id`,
  ).run(row);
}

/** Records a step's state; a step never goes back from a final state to running. */
export function upsertStep(
  db: Db,
  deployId: string,
  step: { name: string; status: StepStatus; startedAt?: number | null; finishedAt?: number | null },
): void {
  const position = Number(
    cachedPluck(db, 'SELECT COUNT(*) FROM deploy_steps WHERE deploy_id = ?').get(deployId) ?? 0,
  );
  cached(
    db,
    `INSERT INTO deploy_steps (deploy_id, name, position, status, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (deploy_id, name) DO UPDATE SET
       status = CASE WHEN deploy_steps.status IN ('success', 'failure', 'cancelled', 'skipped')
                     AND excluded.status IN ('queued', 'running') THEN deploy_steps.status ELSE excluded.status END,
       started_at = COALESCE(deploy_steps.started_at, excluded.started_at),
       finished_at = COALESCE(excluded.finished_at, deploy_steps.finished_at)`,
  ).run(deployId, step.name, position, step.status, step.startedAt ?? null, step.finishedAt ?? null);
}

/** Closes every step still open when the deploy ends, with the deploy's outcome where it failed. */
export function closeOpenSteps(db: Db, deployId: string, at: number, status: StepStatus): void {
  cached(
    db,
    `UPDATE deploy_steps SET status = ?, finished_at = ? WHERE deploy_id = ? AND status IN ('queued', 'running')`,
  ).run(status, at, deployId);
}

export function addChange(db: Db, deployId: string, change: ChangeRow): void {
  cached(
    db,
    'INSERT INTO deploy_changes (deploy_id, at, status, step, percent, message) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    deployId,
    change.at,
    change.status,
    change.step,
    change.percent,
    change.message === null ? null : change.message.slice(0, 2000),
  );
}

export function getSteps(db: Db, deployId: string): StepRow[] {
  return cached(
    db,
    `SELECT name, position, status, started_at AS startedAt, finished_at AS finishedAt
       FROM deploy_steps WHERE deploy_id = ? ORDER BY COALESCE(started_at, 9e15), position`,
  ).all(deployId) as StepRow[];
}

export function getChanges(db: Db, deployId: string, limit = 500): ChangeRow[] {
  return cached(
    db,
    'SELECT at, status, step, percent, message FROM deploy_changes WHERE deploy_id = ? ORDER BY id LIMIT ?',
  ).all(deployId, limit) as ChangeRow[];
}

export interface DeployFilter {
  service?: string;
  environment?: string;
  status?: DeployStatus;
  before?: number;
  limit: number;
}

/**
 * Deploys newest first. Pages go by start time (`before`), so a full page also takes every further
 * deploy that started in the same millisecond as its last one: the next page (`before` = that time)
 * would otherwise skip them.
 */
export function listDeploys(db: Db, filter: DeployFilter): DeployRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    where.push(clause);
    args.push(value);
  };
  add('service = ?', filter.service);
  add('environment = ?', filter.environment);
  add('status = ?', filter.status);
  add('started_at < ?', filter.before);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = cached(
    db,
    `SELECT ${DEPLOY_COLUMNS} FROM deploys ${clause} ORDER BY started_at DESC, id DESC LIMIT ?`,
  ).all(...args, filter.limit) as DeployRow[];
  const last = rows.at(-1);
  if (!last || rows.length < filter.limit) return rows;
  const tied = cached(
    db,
    `SELECT ${DEPLOY_COLUMNS} FROM deploys ${where.length ? `${clause} AND` : 'WHERE'} started_at = ?
     ORDER BY id DESC`,
  ).all(...args, last.startedAt) as DeployRow[];
  const seen = new Set(rows.map((row) => row.id));
  return [...rows, ...tied.filter((row) => !seen.has(row.id))];
}

export function runningDeploys(db: Db): DeployRow[] {
  return cached(
    db,
    `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE status IN ('queued', 'running') ORDER BY started_at DESC LIMIT 200`,
  ).all() as DeployRow[];
}

export interface ServiceStats {
  service: string;
  total: number;
  failures: number;
  /** Median duration of finished deploys, ms. */
  medianMs: number | null;
  durations: { startedAt: number; durationMs: number; status: DeployStatus }[];
}

/** Duration and failure rate per service over a time window, for the charts. */
export function serviceStats(db: Db, sinceMs: number): ServiceStats[] {
  const rows = cached(
    db,
    `SELECT service, status, started_at AS startedAt, finished_at - started_at AS durationMs FROM deploys
       WHERE started_at >= ? AND finished_at IS NOT NULL ORDER BY started_at`,
  ).all(sinceMs) as { service: string; status: DeployStatus; startedAt: number; durationMs: number }[];
  const byService = new Map<string, ServiceStats>();
  for (const row of rows) {
    let stats = byService.get(row.service);
    if (!stats)
      byService.set(
        row.service,
        (stats = { service: row.service, total: 0, failures: 0, medianMs: null, durations: [] }),
      );
    stats.total++;
    if (row.status === 'failure') stats.failures++;
    if (stats.durations.length < 500)
      stats.durations.push({ startedAt: row.startedAt, durationMs: row.durationMs, status: row.status });
  }
  for (const stats of byService.values()) {
    const sorted = stats.durations.map((d) => d.durationMs).sort((a, b) => a - b);
    stats.medianMs = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null;
  }
  return [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
}

export function pruneDeploys(db: Db, olderThanMs: number): number {
  return cached(db, 'DELETE FROM deploys WHERE started_at < ? AND finished_at IS NOT NULL').run(
    Date.now() - olderThanMs,
  ).changes;
}
