/**
 * Chart data for the per-service trends, capped so that charts stay light: a duration sparkline
 * (the last runs) and the failure rate per day.
 */
import type { ServiceStats } from '@/lib/server/deploys/store';

/** Points a sparkline draws; older runs are left out. */
export const SPARKLINE_POINTS = 40;

export interface DurationPoint {
  startedAt: number;
  /** Seconds, so axes and tooltips read naturally. */
  seconds: number;
  failed: boolean;
}

export function durationPoints(stats: ServiceStats, max = SPARKLINE_POINTS): DurationPoint[] {
  return stats.durations.slice(-max).map((d) => ({
    startedAt: d.startedAt,
    seconds: Math.round(d.durationMs / 100) / 10,
    failed: d.status === 'failure',
  }));
}

export interface DayBucket {
  /** Local midnight of the day. */
  day: number;
  total: number;
  failures: number;
  /** 0–100, null on a day without deploys (drawn as a gap, not as 0%). */
  rate: number | null;
}

/** Local midnight before `ms`. */
export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** One bucket per calendar day over the last `days` days (today included), oldest first. */
export function failureRateByDay(stats: ServiceStats, days: number, now: number): DayBucket[] {
  const today = startOfDay(now);
  const buckets: DayBucket[] = [];
  for (let i = days - 1; i >= 0; i--) {
    // Stepping with Date keeps daylight-saving days right (23 h or 25 h long).
    const d = new Date(today);
    d.setDate(d.getDate() - i);
    buckets.push({ day: d.getTime(), total: 0, failures: 0, rate: null });
  }
  const byDay = new Map(buckets.map((b) => [b.day, b]));
  for (const run of stats.durations) {
    const bucket = byDay.get(startOfDay(run.startedAt));
    if (!bucket) continue;
    bucket.total++;
    if (run.status === 'failure') bucket.failures++;
  }
  for (const b of buckets) b.rate = b.total ? Math.round((b.failures / b.total) * 100) : null;
  return buckets;
}

/** "8% failed (2 of 25)". */
export function failureRateText(stats: Pick<ServiceStats, 'total' | 'failures'>): string {
  if (stats.total === 0) return 'no finished deploys';
  const rate = Math.round((stats.failures / stats.total) * 100);
  return `${rate}% failed (${stats.failures} of ${stats.total})`;
}
