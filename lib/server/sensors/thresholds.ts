import 'server-only';
import { z } from 'zod';
import { checkTopicFilter, topicMatches } from '../../events/mqtt-topics';
import { processWide } from '../process-wide';
import type { Db } from '../store';
import type { SeriesInfo } from './series-catalog';

export interface Threshold {
  id: number;
  /** MQTT filter over metric topics, e.g. `sensors/+/+/+/temperature`. */
  filter: string;
  direction: 'above' | 'below';
  value: number;
  level: 'warning' | 'critical';
  createdAt: number;
}

export const newThresholdSchema = z.object({
  filter: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const check = checkTopicFilter(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
    }),
  direction: z.enum(['above', 'below']),
  value: z.number().finite(),
  level: z.enum(['warning', 'critical']),
});

/** Bumped on every change, so the ingest re-reads the list and re-matches its series. */
let versionHolder: { n: number } | null = null;
const version = () => (versionHolder ??= processWide('sensor-thresholds-version', () => ({ n: 1 })));

export function thresholdsVersion(): number {
  return version().n;
}

export function listThresholds(db: Db): Threshold[] {
  return db
    .prepare(
      'SELECT id, filter, direction, value, level, created_at AS createdAt FROM sensor_thresholds ORDER BY id',
    )
    .all() as Threshold[];
}

export function addThreshold(db: Db, input: z.infer<typeof newThresholdSchema>): Threshold {
  const createdAt = Date.now();
  const info = db
    .prepare(
      'INSERT INTO sensor_thresholds (filter, direction, value, level, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(input.filter, input.direction, input.value, input.level, createdAt);
  version().n++;
  return { id: Number(info.lastInsertRowid), ...input, createdAt };
}

export function removeThreshold(db: Db, id: number): boolean {
  const removed = db.prepare('DELETE FROM sensor_thresholds WHERE id = ?').run(id).changes > 0;
  if (removed) version().n++;
  return removed;
}

export interface Crossing {
  threshold: Threshold;
  value: number;
}

/** Quiet time after an alert of one series and threshold, so a value hovering at the line alerts once. */
const REALERT_MS = 5 * 60_000;

/**
 * Checks readings against the thresholds. An alert fires when a value crosses to the wrong side; it
 * re-arms once the value is back on the right side, and fires again no sooner than REALERT_MS.
 */
export class ThresholdWatch {
  private list: Threshold[] = [];
  private loadedVersion = 0;
  /** `${seriesId}:${thresholdId}` of pairs on the wrong side now (alerted or suppressed). */
  private readonly tripped = new Set<string>();
  private readonly lastAlert = new Map<string, number>();

  constructor(private readonly db: Db) {}

  check(series: SeriesInfo, value: number, now = Date.now()): Crossing[] {
    const current = thresholdsVersion();
    if (current !== this.loadedVersion) {
      this.list = listThresholds(this.db);
      this.loadedVersion = current;
    }
    if (this.list.length === 0) return [];
    if (series.thresholds?.version !== current) {
      series.thresholds = {
        version: current,
        ids: this.list.filter((t) => topicMatches(t.filter, series.topic)).map((t) => t.id),
      };
    }
    const crossings: Crossing[] = [];
    for (const id of series.thresholds.ids) {
      const threshold = this.list.find((t) => t.id === id);
      if (!threshold) continue;
      const key = `${series.id}:${id}`;
      const wrong = threshold.direction === 'above' ? value > threshold.value : value < threshold.value;
      if (!wrong) {
        this.tripped.delete(key);
        continue;
      }
      if (this.tripped.has(key)) continue;
      this.tripped.add(key);
      const last = this.lastAlert.get(key);
      if (last !== undefined && now - last < REALERT_MS) continue;
      this.lastAlert.set(key, now);
      crossings.push({ threshold, value });
    }
    return crossings;
  }
}
