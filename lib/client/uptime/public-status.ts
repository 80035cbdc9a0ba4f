/**
 * The public status page's state: the summary the server rendered, with live status changes applied
 * on top. Pure: unit-tested beside this file.
 */
import type { PublicSummary } from '@/lib/server/monitors/status-page';
import type { MonitorStatus } from '@/lib/server/monitors/types';

export function applyPublicStatus(
  summary: PublicSummary,
  d: { monitorId?: number; name: string; status: MonitorStatus; since?: number },
  at: number,
): PublicSummary {
  const index = summary.monitors.findIndex((m) => (d.monitorId !== undefined ? m.id === d.monitorId : m.name === d.name));
  if (index < 0) return summary;
  const monitors = summary.monitors.map((m, i) => (i === index ? { ...m, status: d.status, since: d.since ?? at } : m));
  return { ...summary, monitors };
}

export function applyPublicSnapshot(summary: PublicSummary, entries: readonly { id: number; status: MonitorStatus; since: number; paused: boolean }[]): PublicSummary {
  const byId = new Map(entries.map((e) => [e.id, e]));
  let changed = false;
  const monitors = summary.monitors.map((m) => {
    const e = byId.get(m.id);
    if (!e || (e.status === m.status && e.since === m.since && e.paused === m.paused)) return m;
    changed = true;
    return { ...m, status: e.status, since: e.since, paused: e.paused };
  });
  return changed ? { ...summary, monitors } : summary;
}

/** "Live", "Reconnecting in 4 s…", "Offline: showing the state of 14:05". */
export function connectionWords(
  status: { kind: string; retryAt?: number },
  now: number,
  lastUpdate: number,
): { text: string; tone: 'good' | 'warn' | 'bad' } {
  switch (status.kind) {
    case 'connected':
      return { text: 'Live', tone: 'good' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'warn' };
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil(((status.retryAt ?? now) - now) / 1000));
      return { text: seconds > 0 ? `Reconnecting in ${seconds} s…` : 'Reconnecting…', tone: 'warn' };
    }
    case 'paused':
      return { text: 'Paused while the tab is hidden', tone: 'warn' };
    default: {
      const at = new Date(lastUpdate).toISOString().slice(11, 16);
      return { text: `Offline: showing the state of ${at} UTC`, tone: 'bad' };
    }
  }
}
