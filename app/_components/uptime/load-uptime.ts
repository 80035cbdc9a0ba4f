import 'server-only';
import { headers } from 'next/headers';
import { authenticate } from '@/lib/server/auth/request-auth';
import { hasRole } from '@/lib/server/auth/roles';
import { dailyBucketsOf } from '@/lib/server/monitors/history';
import { incidentStarts, listIncidents } from '@/lib/server/monitors/incidents';
import { currentAndUpcoming } from '@/lib/server/monitors/maintenance';
import { listChannels, maskChannel } from '@/lib/server/monitors/notify/channels';
import { DAY_MS, dailyBars } from '@/lib/server/monitors/rollup';
import { monitorDetail, monitorSummaries, monitorsSnapshot } from '@/lib/server/monitors/views';
import { getDb } from '@/lib/server/store';

/** What the uptime pages render from, read from the store at render time (then kept live). */
export function loadUptimeBoard() {
  const db = getDb();
  return {
    loadedAt: Date.now(),
    monitors: monitorSummaries(db),
    openIncidents: listIncidents(db, { state: 'open', limit: 50 }),
    maintenance: currentAndUpcoming(db),
  };
}

export function loadMonitorDetail(id: number) {
  const db = getDb();
  const detail = monitorDetail(db, id);
  if (!detail) return null;
  const now = Date.now();
  const since = now - 90 * DAY_MS;
  const bars = dailyBars(dailyBucketsOf(db, [id], since).get(id) ?? [], incidentStarts(db, [id], since).get(id) ?? [], 90, now);
  return { ...detail, bars, loadedAt: now };
}

export function loadSettings() {
  const db = getDb();
  return {
    loadedAt: Date.now(),
    maintenance: currentAndUpcoming(db),
    channels: listChannels(db).map(maskChannel),
    monitors: monitorSummaries(db).map((m) => ({ id: m.id, name: m.name })),
  };
}

/** The signed-in user's role, for showing edit controls (the API enforces it anyway). */
export async function viewerRole() {
  const principal = authenticate(await headers());
  return {
    canEdit: principal ? hasRole(principal.user.role, 'operator') : false,
    isAdmin: principal ? hasRole(principal.user.role, 'admin') : false,
  };
}

/** The overview card's data: statuses only (cheap). */
export function loadUptimeCard() {
  return monitorsSnapshot(getDb()).monitors;
}
