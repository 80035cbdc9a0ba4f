/**
 * Rollups: hourly and daily sums of checks per monitor (UTC), and what the views derive from them —
 * uptime percentages and the 90-day bars. Pure: unit-tested beside this file.
 *
 * Uptime counts checks by the monitor's status after each check: `down` is down; `up` and `pending`
 * (a failure still being retried, not yet declared) count as up; checks during maintenance are left
 * out of the percentage entirely, as they are on the status page.
 */
import type { DayBar, MonitorStatus } from './types';

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

export type Period = 'hour' | 'day';

export function periodStart(at: number, period: Period): number {
  const size = period === 'hour' ? HOUR_MS : DAY_MS;
  return Math.floor(at / size) * size;
}

/** Sums of one period, as stored in monitor_rollups. */
export interface Bucket {
  start: number;
  checks: number;
  up: number;
  down: number;
  maintenance: number;
  latencySum: number;
  latencyCount: number;
  latencyMax: number | null;
}

export function emptyBucket(start: number): Bucket {
  return { start, checks: 0, up: 0, down: 0, maintenance: 0, latencySum: 0, latencyCount: 0, latencyMax: null };
}

/** The increments one check adds to its buckets (the store applies them with an upsert). */
export function checkIncrement(status: MonitorStatus, latencyMs: number | null): Omit<Bucket, 'start'> {
  return {
    checks: 1,
    up: status === 'up' || status === 'pending' ? 1 : 0,
    down: status === 'down' ? 1 : 0,
    maintenance: status === 'maintenance' ? 1 : 0,
    latencySum: latencyMs ?? 0,
    latencyCount: latencyMs === null ? 0 : 1,
    latencyMax: latencyMs,
  };
}

export function addBuckets(a: Bucket, b: Omit<Bucket, 'start'>): Bucket {
  return {
    start: a.start,
    checks: a.checks + b.checks,
    up: a.up + b.up,
    down: a.down + b.down,
    maintenance: a.maintenance + b.maintenance,
    latencySum: a.latencySum + b.latencySum,
    latencyCount: a.latencyCount + b.latencyCount,
    latencyMax: a.latencyMax === null ? b.latencyMax : b.latencyMax === null ? a.latencyMax : Math.max(a.latencyMax, b.latencyMax),
  };
}

/** Percentage up over buckets, null when none counts (no checks, or all in maintenance). */
export function uptimePercent(buckets: readonly Pick<Bucket, 'up' | 'down'>[]): number | null {
  let up = 0;
  let down = 0;
  for (const b of buckets) {
    up += b.up;
    down += b.down;
  }
  return up + down === 0 ? null : (100 * up) / (up + down);
}

/** "99.95 %" style rounding that never shows 100 when anything was down. */
export function roundUptime(percent: number | null): number | null {
  if (percent === null) return null;
  const rounded = Math.floor(percent * 100) / 100;
  return percent < 100 && rounded === 100 ? 99.99 : rounded;
}

export function averageLatency(b: Pick<Bucket, 'latencySum' | 'latencyCount'>): number | null {
  return b.latencyCount === 0 ? null : b.latencySum / b.latencyCount;
}

export function dayLabel(start: number): string {
  return new Date(start).toISOString().slice(0, 10);
}

/**
 * The last `days` UTC days ending today, oldest first, from daily buckets and the start times of
 * incidents. A day is `down` below 95 % up or with an incident that began then, `degraded` below
 * 99.9 %, `maintenance` when every check was in maintenance, `none` without checks.
 */
export function dailyBars(
  buckets: readonly Bucket[],
  incidentStarts: readonly number[],
  days: number,
  now: number,
): DayBar[] {
  const today = periodStart(now, 'day');
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const incidentsByDay = new Map<number, number>();
  for (const at of incidentStarts) {
    const day = periodStart(at, 'day');
    incidentsByDay.set(day, (incidentsByDay.get(day) ?? 0) + 1);
  }
  const bars: DayBar[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const start = today - i * DAY_MS;
    const b = byStart.get(start) ?? emptyBucket(start);
    const incidents = incidentsByDay.get(start) ?? 0;
    const uptime = uptimePercent([b]);
    let state: DayBar['state'];
    if (b.checks === 0) state = incidents > 0 ? 'down' : 'none';
    else if (uptime === null) state = 'maintenance';
    else if (uptime < 95 || incidents > 0) state = 'down';
    else if (uptime < 99.9) state = 'degraded';
    else state = 'up';
    bars.push({ day: dayLabel(start), start, checks: b.checks, uptime: roundUptime(uptime), state, incidents });
  }
  return bars;
}

/** Downsamples a series to at most `max` points by averaging neighbours (charts stay light). */
export function downsample<T extends { at: number; latencyMs: number | null }>(points: readonly T[], max: number): { at: number; latencyMs: number | null; failed: boolean }[] {
  if (points.length <= max) return points.map((p) => ({ at: p.at, latencyMs: p.latencyMs, failed: p.latencyMs === null }));
  const size = Math.ceil(points.length / max);
  const out: { at: number; latencyMs: number | null; failed: boolean }[] = [];
  for (let i = 0; i < points.length; i += size) {
    const chunk = points.slice(i, i + size);
    const values = chunk.map((p) => p.latencyMs).filter((v): v is number => v !== null);
    out.push({
      at: chunk[0]!.at,
      latencyMs: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
      failed: values.length < chunk.length,
    });
  }
  return out;
}
