import 'server-only';
import type { Db } from '../store';
import { buckets, recentChecks, recentLatencies, uptimeFigures } from './history';
import { listIncidents, notesOf } from './incidents';
import { currentAndUpcoming } from './maintenance';
import { DAY_MS, HOUR_MS, averageLatency, downsample } from './rollup';
import { getMonitor, listMonitors, toView } from './store';
import type { MonitorSummary, MonitorStatus } from './types';

export const SPARKLINE_POINTS = 30;

/** Every monitor with its uptime figures and last response times: the /uptime list. */
export function monitorSummaries(db: Db, now = Date.now()): MonitorSummary[] {
  const monitors = listMonitors(db);
  const uptime = uptimeFigures(db, now);
  const recent = recentLatencies(db, monitors.map((m) => m.id), SPARKLINE_POINTS);
  return monitors.map((m) => ({
    ...toView(m),
    uptime: uptime.get(m.id) ?? { day: null, week: null, month: null },
    recent: recent.get(m.id) ?? [],
  }));
}

export type HistoryRange = '24h' | '7d' | '30d' | '90d';
const RANGE_MS: Record<HistoryRange, number> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS };

/**
 * Response times over a range, at most ~300 points: raw checks for 24 h (downsampled), hourly
 * averages for 7 d, daily ones beyond.
 */
export function responseSeries(db: Db, monitorId: number, range: HistoryRange, now = Date.now()) {
  const since = now - RANGE_MS[range];
  if (range === '24h') {
    const checks = recentChecks(db, monitorId, { since, limit: 20_000 }).reverse();
    return { resolution: 'check' as const, points: downsample(checks, 300) };
  }
  const period = range === '7d' ? 'hour' : 'day';
  return {
    resolution: period,
    points: buckets(db, monitorId, period, since).map((b) => ({
      at: b.start,
      latencyMs: averageLatency(b),
      failed: b.down > 0,
    })),
  };
}

/** One monitor with what its page shows: figures, recent checks, incidents with notes, maintenance. */
export function monitorDetail(db: Db, id: number, now = Date.now()) {
  const monitor = getMonitor(db, id);
  if (!monitor) return null;
  const incidents = listIncidents(db, { monitorId: id, limit: 50 });
  const notes = notesOf(db, incidents.map((i) => i.id));
  return {
    monitor,
    uptime: uptimeFigures(db, now).get(id) ?? { day: null, week: null, month: null },
    checks: recentChecks(db, id, { limit: 50 }),
    hourly: buckets(db, id, 'hour', now - DAY_MS + HOUR_MS),
    incidents: incidents.map((i) => ({ ...i, notes: notes.filter((n) => n.incidentId === i.id) })),
    maintenance: currentAndUpcoming(db, now).filter((w) => w.monitorIds === null || w.monitorIds.includes(id)),
  };
}

/** The `monitors` part of the SSE hello: small per monitor, enough to redraw statuses. */
export function monitorsSnapshot(db: Db, options: { publicOnly?: boolean } = {}) {
  const rows = db
    .prepare(
      `SELECT id, name, status, status_since AS since, last_latency_ms AS latencyMs, paused FROM monitors
       ${options.publicOnly ? 'WHERE public = 1' : ''} ORDER BY name COLLATE NOCASE LIMIT 2000`,
    )
    .all() as { id: number; name: string; status: MonitorStatus; since: number; latencyMs: number | null; paused: number }[];
  return {
    monitors: rows.map((r) => ({ ...r, paused: r.paused === 1, latencyMs: options.publicOnly ? null : r.latencyMs })),
  };
}
