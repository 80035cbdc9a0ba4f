import 'server-only';
import type { Db } from '../store';
import { sensorMetrics } from './metrics';
import { REJECTION_REASONS, type RejectionReason } from './payload';

export interface RejectionCount {
  reason: RejectionReason;
  /** What the reason means, in words. */
  label: string;
  count: number;
  lastAt: number;
}

export interface RecentRejection {
  at: number;
  deviceId: string | null;
  topic: string | null;
  reason: RejectionReason;
  detail: string;
}

/** Recent rejections kept for the UI; older ones survive only in the counts. */
const KEEP_RECENT = 200;

/**
 * Counts rejected messages by reason and keeps the latest few with their detail. Counting is in
 * memory on the hot path (a flood of bad payloads must not become a flood of writes); `flush()`
 * writes the counts and at most KEEP_RECENT details with the ingest batch.
 */
export class RejectionLog {
  private counts = new Map<RejectionReason, { count: number; lastAt: number }>();
  private recent: RecentRejection[] = [];
  /** Since the start of this process, by reason. */
  readonly totals = new Map<RejectionReason, number>();

  record(
    reason: RejectionReason,
    detail: string,
    deviceId: string | null,
    topic: string | null,
    at = Date.now(),
  ): void {
    const entry = this.counts.get(reason);
    if (entry) {
      entry.count++;
      entry.lastAt = at;
    } else {
      this.counts.set(reason, { count: 1, lastAt: at });
    }
    this.totals.set(reason, (this.totals.get(reason) ?? 0) + 1);
    sensorMetrics().rejected.labels(reason).inc();
    this.recent.push({
      at,
      deviceId,
      topic: topic?.slice(0, 256) ?? null,
      reason,
      detail: detail.slice(0, 300),
    });
    if (this.recent.length > KEEP_RECENT * 2) this.recent = this.recent.slice(-KEEP_RECENT);
  }

  flush(db: Db): void {
    if (this.counts.size === 0) return;
    const counts = this.counts;
    const recent = this.recent.slice(-KEEP_RECENT);
    this.counts = new Map();
    this.recent = [];
    db.transaction(() => {
      const upsert = db.prepare(
        `INSERT INTO sensor_rejection_counts (reason, count, last_at) VALUES (?, ?, ?)
         ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count, last_at = MAX(last_at, excluded.last_at)`,
      );
      for (const [reason, { count, lastAt }] of counts) upsert.run(reason, count, lastAt);
      const insert = db.prepare(
        'INSERT INTO sensor_rejections (at, device_id, topic, reason, detail) VALUES (?, ?, ?, ?, ?)',
      );
      for (const r of recent) insert.run(r.at, r.deviceId, r.topic, r.reason, r.detail);
      db.prepare('DELETE FROM sensor_rejections WHERE id <= (SELECT MAX(id) FROM sensor_rejections) - ?').run(
        KEEP_RECENT,
      );
    }).immediate();
  }
}

export function rejectionCounts(db: Db): RejectionCount[] {
  const rows = db
    .prepare('SELECT reason, count, last_at AS lastAt FROM sensor_rejection_counts ORDER BY count DESC')
    .all() as Omit<RejectionCount, 'label'>[];
  return rows.map((row) => ({ ...row, label: REJECTION_REASONS[row.reason] ?? row.reason }));
}

export function recentRejections(db: Db, limit = 50): RecentRejection[] {
  return db
    .prepare(
      `SELECT at, device_id AS deviceId, topic, reason, detail FROM sensor_rejections ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as RecentRejection[];
}
