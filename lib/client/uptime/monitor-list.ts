/**
 * The live monitor list: server rows, then `monitor-status` events and hello snapshots applied on
 * top. Pure: unit-tested beside this file.
 */
import type { MonitorStatus, MonitorSummary } from '@/lib/server/monitors/types';

export interface StatusEventData {
  monitorId?: number;
  name: string;
  status: MonitorStatus;
  latencyMs?: number;
  message?: string;
  since?: number;
}

export interface SnapshotEntry {
  id: number;
  name: string;
  status: MonitorStatus;
  since: number;
  latencyMs: number | null;
  paused: boolean;
}

/** Applies one status change; returns the same array when the event is about no listed monitor. */
export function applyStatus(list: readonly MonitorSummary[], d: StatusEventData, at: number): readonly MonitorSummary[] {
  const index = list.findIndex((m) => (d.monitorId !== undefined ? m.id === d.monitorId : m.name === d.name));
  if (index < 0) return list;
  const m = list[index]!;
  const next: MonitorSummary = {
    ...m,
    status: d.status,
    since: d.since ?? at,
    lastLatencyMs: d.latencyMs ?? (d.status === 'down' ? null : m.lastLatencyMs),
    lastMessage: d.message ?? m.lastMessage,
    lastCheckAt: at,
  };
  return list.map((x, i) => (i === index ? next : x));
}

/** Whether an event names a monitor the list does not have (created elsewhere): time to refetch. */
export function isUnknown(list: readonly MonitorSummary[], d: StatusEventData): boolean {
  return !list.some((m) => (d.monitorId !== undefined ? m.id === d.monitorId : m.name === d.name));
}

/** A reconnect's snapshot: statuses as the server has them now (events may have been missed). */
export function mergeSnapshot(list: readonly MonitorSummary[], snapshot: readonly SnapshotEntry[]): readonly MonitorSummary[] {
  const byId = new Map(snapshot.map((s) => [s.id, s]));
  let changed = false;
  const next = list.map((m) => {
    const s = byId.get(m.id);
    if (!s || (s.status === m.status && s.since === m.since && s.paused === m.paused)) return m;
    changed = true;
    return { ...m, status: s.status, since: s.since, paused: s.paused, lastLatencyMs: s.latencyMs ?? m.lastLatencyMs };
  });
  return changed ? next : list;
}

/** Worst first (down, retrying, maintenance, up, paused), then by name: what needs eyes is on top. */
const RANK: Record<string, number> = { down: 0, pending: 1, maintenance: 2, up: 3, paused: 4 };

export function sortForGlance(list: readonly MonitorSummary[]): MonitorSummary[] {
  return [...list].sort((a, b) => {
    const ra = RANK[a.paused ? 'paused' : a.status]!;
    const rb = RANK[b.paused ? 'paused' : b.status]!;
    return ra - rb || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  });
}
