import 'server-only';
import type { Db } from '../store';
import { HOUR_MS, MINUTE_MS } from './reading-writer';

/** How long each resolution is kept: raw for a day, minutes for eight days, hours for 400 days. */
export const RETENTION = {
  rawMs: 24 * HOUR_MS,
  minuteMs: 8 * 24 * HOUR_MS,
  hourMs: 400 * 24 * HOUR_MS,
} as const;

/** Rows deleted per statement, so a large backlog never holds the write lock for long. */
const BATCH = 5_000;

function deleteInBatches(db: Db, sql: string, ...params: unknown[]): number {
  const statement = db.prepare(sql);
  let total = 0;
  for (;;) {
    const changes = statement.run(...params, BATCH).changes;
    total += changes;
    if (changes < BATCH) return total;
  }
}

/** Applies the retention; returns what was removed. */
export function pruneSensorData(
  db: Db,
  now = Date.now(),
): { chunks: number; minutes: number; hours: number } {
  const chunks = deleteInBatches(
    db,
    'DELETE FROM sensor_chunks WHERE rowid IN (SELECT rowid FROM sensor_chunks WHERE max_ts < ? LIMIT ?)',
    now - RETENTION.rawMs,
  );
  // sensor_rollups is WITHOUT ROWID: old rows are picked by key, through the (resolution, bucket) index.
  const rollupByKey = `DELETE FROM sensor_rollups WHERE (series_id, resolution, bucket) IN
    (SELECT series_id, resolution, bucket FROM sensor_rollups WHERE resolution = ? AND bucket < ? LIMIT ?)`;
  const minutes = deleteInBatches(db, rollupByKey, MINUTE_MS, now - RETENTION.minuteMs);
  const hours = deleteInBatches(db, rollupByKey, HOUR_MS, now - RETENTION.hourMs);
  return { chunks, minutes, hours };
}
