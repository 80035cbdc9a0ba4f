/**
 * The bodies of outgoing status-change notifications. Pure: unit-tested beside this file.
 *
 * - `json` (generic): `{ event: "monitor.down" | "monitor.up" | …, monitor: { id, name, type, target },
 *   status, previous, message, latencyMs, at, incident }` — stable field names for scripts.
 * - `slack`: `{ text, blocks? }` as Slack incoming webhooks (and Mattermost, Rocket.Chat, Discord's
 *   /slack endpoint) accept it.
 */
import type { MonitorStatus, MonitorType } from '../types';
import type { ChannelFormat } from './channels';

export interface StatusChange {
  monitor: { id: number; name: string; type: MonitorType; target: string };
  status: MonitorStatus;
  previous: MonitorStatus;
  message: string;
  latencyMs: number | null;
  at: number;
  incident: { id: number; state: 'open' | 'resolved'; startedAt: number; resolvedAt: number | null } | null;
  /** Link to the monitor in the dashboard, when the public URL is known. */
  link?: string;
}

const GLYPH: Record<MonitorStatus, string> = { up: '✅', down: '🔴', pending: '🟡', maintenance: '🔧' };
const WORD: Record<MonitorStatus, string> = { up: 'up', down: 'DOWN', pending: 'retrying', maintenance: 'in maintenance' };

export function genericPayload(change: StatusChange) {
  return {
    event: `monitor.${change.status}`,
    monitor: change.monitor,
    status: change.status,
    previous: change.previous,
    message: change.message,
    latencyMs: change.latencyMs,
    at: new Date(change.at).toISOString(),
    incident: change.incident && {
      ...change.incident,
      startedAt: new Date(change.incident.startedAt).toISOString(),
      resolvedAt: change.incident.resolvedAt === null ? null : new Date(change.incident.resolvedAt).toISOString(),
    },
    ...(change.link ? { link: change.link } : {}),
  };
}

function formatDowntime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

export function slackText(change: StatusChange): string {
  const name = change.link ? `<${change.link}|${change.monitor.name}>` : `*${change.monitor.name}*`;
  let text = `${GLYPH[change.status]} ${name} is ${WORD[change.status]}`;
  if (change.status === 'down') text += `: ${change.message}`;
  if (change.status === 'up') {
    const i = change.incident;
    if (i?.resolvedAt) text += ` after ${formatDowntime(i.resolvedAt - i.startedAt)} down`;
    if (change.latencyMs !== null) text += ` (${Math.round(change.latencyMs)} ms)`;
  }
  return `${text} · ${change.monitor.target}`;
}

export function payloadFor(format: ChannelFormat, change: StatusChange): unknown {
  return format === 'slack' ? { text: slackText(change) } : genericPayload(change);
}
