import 'server-only';
import type { Db } from '../store';
import { dailyBucketsOf, uptimeFigures } from './history';
import { incidentStarts, listIncidents, notesOf } from './incidents';
import { currentAndUpcoming } from './maintenance';
import { DAY_MS, dailyBars, periodStart } from './rollup';
import { listMonitors } from './store';
import type { DayBar, MonitorStatus } from './types';

export const STATUS_DAYS = 90;

export interface PublicMonitor {
  id: number;
  name: string;
  status: MonitorStatus;
  paused: boolean;
  since: number;
  /** Uptime over the days with checks among the last 90 (`days` of them). */
  uptime90: number | null;
  days: number;
  uptime30: number | null;
  bars: DayBar[];
}

export interface PublicIncident {
  id: number;
  monitorId: number | null;
  monitor: string;
  startedAt: number;
  resolvedAt: number | null;
  /** Only notes an operator marked public; the raw failure reason never leaves the dashboard. */
  notes: { text: string; at: number }[];
}

export interface PublicSummary {
  generatedAt: number;
  monitors: PublicMonitor[];
  openIncidents: PublicIncident[];
  maintenance: { id: number; title: string; description: string | null; startsAt: number; endsAt: number; monitors: string[] }[];
}

function publicIncidents(db: Db, incidents: ReturnType<typeof listIncidents>, allowed: Set<number>): PublicIncident[] {
  const visible = incidents.filter((i) => i.monitorId !== null && allowed.has(i.monitorId));
  const notes = notesOf(db, visible.map((i) => i.id), { publicOnly: true });
  return visible.map((i) => ({
    id: i.id,
    monitorId: i.monitorId,
    monitor: i.monitorName,
    startedAt: i.startedAt,
    resolvedAt: i.resolvedAt,
    notes: notes.filter((n) => n.incidentId === i.id).map((n) => ({ text: n.text, at: n.createdAt })),
  }));
}

/**
 * Everything the public status page shows, for public monitors only: current state, 90 daily bars,
 * open incidents (with public notes) and current or upcoming maintenance. No targets, no error text.
 */
export function publicSummary(db: Db, now = Date.now()): PublicSummary {
  const monitors = listMonitors(db, { publicOnly: true });
  const ids = monitors.map((m) => m.id);
  const allowed = new Set(ids);
  const since = periodStart(now, 'day') - (STATUS_DAYS - 1) * DAY_MS;
  const daily = dailyBucketsOf(db, ids, since);
  const starts = incidentStarts(db, ids, since);
  const figures = uptimeFigures(db, now);
  const byId = new Map(monitors.map((m) => [m.id, m.name]));
  return {
    generatedAt: now,
    monitors: monitors.map((m) => {
      const bars = dailyBars(daily.get(m.id) ?? [], starts.get(m.id) ?? [], STATUS_DAYS, now);
      const counted = bars.filter((b) => b.uptime !== null);
      const up90 = counted.length ? counted.reduce((s, b) => s + b.uptime! * b.checks, 0) / counted.reduce((s, b) => s + b.checks, 0) : null;
      return {
        id: m.id,
        name: m.name,
        status: m.status,
        paused: m.paused,
        since: m.since,
        uptime90: up90 === null ? null : Math.floor(up90 * 100) / 100,
        days: counted.length,
        uptime30: figures.get(m.id)?.month ?? null,
        bars,
      };
    }),
    openIncidents: publicIncidents(db, listIncidents(db, { state: 'open', limit: 50 }), allowed),
    maintenance: currentAndUpcoming(db, now)
      .filter((w) => w.monitorIds === null || w.monitorIds.some((id) => allowed.has(id)))
      .map((w) => ({
        id: w.id,
        title: w.title,
        description: w.description,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        monitors: w.monitorIds === null ? ['All services'] : w.monitorIds.filter((id) => allowed.has(id)).map((id) => byId.get(id)!),
      })),
  };
}

/** The incidents of one public monitor on one UTC day ("2026-11-25"), for a tapped bar. */
export function publicIncidentsOfDay(db: Db, monitorId: number, day: string): PublicIncident[] | null {
  const monitor = listMonitors(db, { publicOnly: true }).find((m) => m.id === monitorId);
  const start = Date.parse(`${day}T00:00:00Z`);
  if (!monitor || !Number.isFinite(start)) return null;
  const incidents = listIncidents(db, { monitorId, from: start, to: start + DAY_MS, limit: 100 });
  return publicIncidents(db, incidents, new Set([monitorId]));
}
