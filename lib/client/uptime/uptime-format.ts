/**
 * Words, glyphs and numbers of the uptime views, shared by the dashboard and the public page.
 * Colour always comes with a word and a glyph. Pure: unit-tested beside this file.
 */
import type { MonitorStatus } from '@/lib/server/monitors/types';

export type ShownStatus = MonitorStatus | 'paused';

export const STATUS_WORD: Record<ShownStatus, string> = {
  up: 'Up',
  down: 'Down',
  pending: 'Retrying',
  maintenance: 'Maintenance',
  paused: 'Paused',
};

export const STATUS_GLYPH: Record<ShownStatus, string> = {
  up: '●',
  down: '✕',
  pending: '◐',
  maintenance: '⚒',
  paused: 'Ⅱ',
};

/** Words for the public page, which speaks of services rather than checks. */
export const PUBLIC_WORD: Record<ShownStatus, string> = {
  up: 'Operational',
  down: 'Outage',
  pending: 'Degraded',
  maintenance: 'Under maintenance',
  paused: 'Not monitored',
};

export function shownStatus(m: { status: MonitorStatus; paused: boolean }): ShownStatus {
  return m.paused ? 'paused' : m.status;
}

/** "99.95 %", "100 %", or "—" when there were no checks. */
export function formatUptime(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return '—';
  return `${percent >= 100 ? '100' : percent.toFixed(2)} %`;
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1) return '< 1 ms';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface StatusCounts {
  total: number;
  up: number;
  down: number;
  pending: number;
  maintenance: number;
  paused: number;
}

export function countStatuses(monitors: readonly { status: MonitorStatus; paused: boolean }[]): StatusCounts {
  const counts: StatusCounts = { total: monitors.length, up: 0, down: 0, pending: 0, maintenance: 0, paused: 0 };
  for (const m of monitors) counts[shownStatus(m)]++;
  return counts;
}

/** The glance line: "2 monitors down", "All 12 monitors up", "No monitors yet". */
export function glanceLine(c: StatusCounts): { text: string; tone: 'good' | 'bad' | 'warn' | 'none' } {
  if (c.total === 0) return { text: 'No monitors yet', tone: 'none' };
  if (c.down > 0) return { text: `${plural(c.down, 'monitor')} down`, tone: 'bad' };
  if (c.pending > 0) return { text: `${plural(c.pending, 'monitor')} retrying`, tone: 'warn' };
  const active = c.total - c.paused;
  if (active === 0) return { text: `All ${plural(c.total, 'monitor')} paused`, tone: 'none' };
  if (c.up === active) return { text: active === 1 ? '1 monitor up' : `All ${active} monitors up`, tone: 'good' };
  return { text: `${c.up} of ${plural(active, 'monitor')} up`, tone: 'warn' };
}

/** The rest of the glance line: "· 1 in maintenance · 2 paused". */
export function glanceDetails(c: StatusCounts): string[] {
  const parts: string[] = [];
  if (c.down > 0 && c.pending > 0) parts.push(`${c.pending} retrying`);
  if (c.maintenance > 0) parts.push(`${c.maintenance} in maintenance`);
  if (c.paused > 0) parts.push(`${c.paused} paused`);
  return parts;
}

/** The public page's headline. */
export function publicHeadline(c: StatusCounts): { text: string; tone: 'good' | 'bad' | 'warn' | 'none' } {
  if (c.total === 0) return { text: 'No services are listed yet', tone: 'none' };
  if (c.down > 0) return { text: c.down === c.total ? 'Major outage' : `${plural(c.down, 'service')} down`, tone: 'bad' };
  if (c.pending > 0) return { text: 'Some services are degraded', tone: 'warn' };
  if (c.maintenance > 0) return { text: 'Scheduled maintenance in progress', tone: 'warn' };
  return { text: 'All systems operational', tone: 'good' };
}

/** Days until a certificate expires, when within the warning window; null otherwise. */
export function certificateWarning(expiresAt: number | null, warningDays: number | null, now: number): number | null {
  if (expiresAt === null || warningDays === null || warningDays === 0) return null;
  const days = Math.floor((expiresAt - now) / 86_400_000);
  return days < warningDays ? days : null;
}

/** "2026-11-25 14:05 UTC": the same on the server and in every browser (no hydration mismatch). */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
