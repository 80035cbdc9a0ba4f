import 'server-only';
import type { Db } from '../store';
import { checkIncrement, DAY_MS, periodStart, roundUptime, uptimePercent, type Bucket } from './rollup';
import type { MonitorStatus, UptimeFigures } from './types';

export interface CheckRow {
  at: number;
  ok: boolean;
  status: MonitorStatus;
  latencyMs: number | null;
  message: string | null;
}

/**
 * Writes one check and its hourly and daily rollups; returns a function for the engine to call inside
 * its transaction.
 */
export function prepareCheckWriter(db: Db) {
  const insert = db.prepare(
    'INSERT INTO monitor_checks (monitor_id, at, ok, status, latency_ms, message) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const rollup = db.prepare(
    `INSERT INTO monitor_rollups (monitor_id, period, start, checks, up, down, maintenance, latency_sum, latency_count, latency_max)
     VALUES (@monitorId, @period, @start, @checks, @up, @down, @maintenance, @latencySum, @latencyCount, @latencyMax)
     ON CONFLICT (monitor_id, period, start) DO UPDATE SET
       checks = checks + excluded.checks, up = up + excluded.up, down = down + excluded.down,
       maintenance = maintenance + excluded.maintenance, latency_sum = latency_sum + excluded.latency_sum,
       latency_count = latency_count + excluded.latency_count,
       latency_max = CASE WHEN latency_max IS NULL OR excluded.latency_max > latency_max THEN excluded.latency_max ELSE latency_max END`,
  );
  return (monitorId: number, check: CheckRow) => {
    insert.run(monitorId, check.at, check.ok ? 1 : 0, check.status, check.latencyMs, check.message?.slice(0, 1000) ?? null);
    const inc = checkIncrement(check.status, check.latencyMs);
    for (const period of ['hour', 'day'] as const) {
      rollup.run({ monitorId, period, start: periodStart(check.at, period), ...inc });
    }
  };
}

export function recentChecks(db: Db, monitorId: number, options: { since?: number; before?: number; limit: number }): CheckRow[] {
  const rows = db
    .prepare(
      `SELECT at, ok, status, latency_ms AS latencyMs, message FROM monitor_checks
       WHERE monitor_id = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?`,
    )
    .all(monitorId, options.since ?? 0, options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as (Omit<CheckRow, 'ok'> & { ok: number })[];
  return rows.map((r) => ({ ...r, ok: r.ok === 1 }));
}

/**
 * The last `count` response times of each monitor (null for failed checks), oldest first. One indexed
 * query per monitor: cheaper than a window over every check of the day when there are thousands.
 */
export function recentLatencies(db: Db, monitorIds: readonly number[], count: number): Map<number, (number | null)[]> {
  const statement = db.prepare(
    'SELECT latency_ms AS latencyMs, ok FROM monitor_checks WHERE monitor_id = ? ORDER BY at DESC LIMIT ?',
  );
  const out = new Map<number, (number | null)[]>();
  for (const id of monitorIds) {
    const rows = statement.all(id, count) as { latencyMs: number | null; ok: number }[];
    out.set(id, rows.reverse().map((r) => (r.ok ? r.latencyMs : null)));
  }
  return out;
}

interface BucketRow {
  monitorId: number;
  start: number;
  checks: number;
  up: number;
  down: number;
  maintenance: number;
  latencySum: number;
  latencyCount: number;
  latencyMax: number | null;
}

const BUCKET_COLUMNS = `monitor_id AS monitorId, start, checks, up, down, maintenance, latency_sum AS latencySum,
  latency_count AS latencyCount, latency_max AS latencyMax`;

export function buckets(db: Db, monitorId: number, period: 'hour' | 'day', since: number): Bucket[] {
  return db
    .prepare(`SELECT ${BUCKET_COLUMNS} FROM monitor_rollups WHERE monitor_id = ? AND period = ? AND start >= ? ORDER BY start`)
    .all(monitorId, period, periodStart(since, period)) as BucketRow[];
}

/** Daily buckets of many monitors at once (status page). */
export function dailyBucketsOf(db: Db, monitorIds: readonly number[], since: number): Map<number, Bucket[]> {
  const out = new Map<number, Bucket[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT ${BUCKET_COLUMNS} FROM monitor_rollups WHERE period = 'day' AND start >= ?
       AND monitor_id IN (${monitorIds.map(() => '?').join(',')}) ORDER BY start`,
    )
    .all(periodStart(since, 'day'), ...monitorIds) as BucketRow[];
  for (const row of rows) out.get(row.monitorId)?.push(row);
  return out;
}

/**
 * Uptime over 24 h, 7 d and 30 d for every monitor, from the rollups: 24 h and 7 d from hourly
 * buckets (so "24 h" means the last 24 whole hours plus the current one), 30 d from daily buckets.
 */
export function uptimeFigures(db: Db, now = Date.now()): Map<number, UptimeFigures> {
  const sums = (period: 'hour' | 'day', since: number) =>
    new Map(
      (
        db
          .prepare(
            `SELECT monitor_id AS id, SUM(up) AS up, SUM(down) AS down FROM monitor_rollups
             WHERE period = ? AND start >= ? GROUP BY monitor_id`,
          )
          .all(period, periodStart(since, period)) as { id: number; up: number; down: number }[]
      ).map((r) => [r.id, roundUptime(uptimePercent([r]))]),
    );
  const day = sums('hour', now - DAY_MS);
  const week = sums('hour', now - 7 * DAY_MS);
  const month = sums('day', now - 30 * DAY_MS);
  const ids = new Set([...day.keys(), ...week.keys(), ...month.keys()]);
  return new Map(
    [...ids].map((id) => [id, { day: day.get(id) ?? null, week: week.get(id) ?? null, month: month.get(id) ?? null }]),
  );
}

/** Raw checks are kept for `checkDays`, hourly rollups for `hourDays`, daily ones for `dayDays`. */
export function pruneHistory(
  db: Db,
  { checkDays, hourDays, dayDays }: { checkDays: number; hourDays: number; dayDays: number },
  now = Date.now(),
): number {
  let removed = 0;
  // In slices, so a large backlog never holds the write lock for long.
  const slice = db.prepare(
    'DELETE FROM monitor_checks WHERE id IN (SELECT id FROM monitor_checks WHERE at < ? LIMIT 5000)',
  );
  for (;;) {
    const changes = slice.run(now - checkDays * DAY_MS).changes;
    removed += changes;
    if (changes < 5000) break;
  }
  removed += db.prepare("DELETE FROM monitor_rollups WHERE period = 'hour' AND start < ?").run(now - hourDays * DAY_MS).changes;
  removed += db.prepare("DELETE FROM monitor_rollups WHERE period = 'day' AND start < ?").run(now - dayDays * DAY_MS).changes;
  return removed;
}
