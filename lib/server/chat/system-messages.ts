import 'server-only';
import type { AnyEnvelope } from '../../events';
import { formatDuration } from '../../client/format-time';

/** Where Signalboard posts what happens on the dashboard. */
export const SYSTEM_CHANNEL = 'ops';
export const SYSTEM_USER = 'signalboard';

/** A message Signalboard posts itself: Markdown-lite text, a link to the detail, maybe an alert. */
export interface SystemDraft {
  channel: string;
  text: string;
  link: { href: string; label: string };
  alert?: 'warning' | 'critical';
}

/** CI messages and monitor errors are free text from outside: keep the chat line short. */
function excerpt(text: string | undefined, max = 300): string {
  if (!text) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Remembers each monitor's last status so that only changes are posted: a monitor that reports
 * "down" on every check posts once when it goes down and once when it comes back.
 */
export class MonitorMemory {
  private readonly last = new Map<string, string>();
  private readonly maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.maxEntries = maxEntries;
  }

  /** Records the status and returns the previous one (undefined on first sight). */
  swap(name: string, status: string): string | undefined {
    const previous = this.last.get(name);
    this.last.delete(name);
    this.last.set(name, status);
    if (this.last.size > this.maxEntries) this.last.delete(this.last.keys().next().value!);
    return previous;
  }
}

/**
 * The chat line for a dashboard event, or null when the event is not worth one: deploy outcomes,
 * monitors going down and coming back up, sensor alerts. Pure, apart from the monitor memory.
 */
export function systemMessageFor(event: AnyEnvelope, monitors: MonitorMemory): SystemDraft | null {
  switch (event.type) {
    case 'deploy-complete': {
      const d = event.data;
      const link = { href: `/deploys/${encodeURIComponent(d.deployId)}`, label: `Deploy ${d.deployId}` };
      const took = d.durationMs !== undefined ? ` in ${formatDuration(d.durationMs)}` : '';
      const why = excerpt(d.message);
      if (d.status === 'success') {
        return { channel: SYSTEM_CHANNEL, text: `Deploy of **${d.service}** succeeded${took}.`, link };
      }
      if (d.status === 'failure') {
        return {
          channel: SYSTEM_CHANNEL,
          text: `Deploy of **${d.service}** failed${took}${why ? `: ${why}` : '.'}`,
          link,
          alert: 'critical',
        };
      }
      return {
        channel: SYSTEM_CHANNEL,
        text: `Deploy of **${d.service}** was cancelled${why ? `: ${why}` : '.'}`,
        link,
      };
    }
    case 'monitor-status': {
      const d = event.data;
      const remembered = monitors.swap(d.name, d.status);
      // Producers that know the previous status say so (it survives a restart of this process).
      const said = (d as { previous?: unknown }).previous;
      const previous = typeof said === 'string' ? said : remembered;
      const link = d.monitorId
        ? { href: `/uptime/${d.monitorId}`, label: `Monitor ${d.name}` }
        : { href: '/uptime', label: `Monitor ${d.name}` };
      if (d.status === 'down' && previous !== 'down') {
        const why = excerpt(d.message);
        return {
          channel: SYSTEM_CHANNEL,
          text: `Monitor **${d.name}** is down${why ? `: ${why}` : '.'}`,
          link,
          alert: 'critical',
        };
      }
      if (d.status === 'up' && previous === 'down') {
        const latency = d.latencyMs !== undefined ? ` (${Math.round(d.latencyMs)} ms)` : '';
        return { channel: SYSTEM_CHANNEL, text: `Monitor **${d.name}** is back up${latency}.`, link };
      }
      return null;
    }
    case 'sensor-alert': {
      const d = event.data;
      const direction = (d as { direction?: unknown }).direction;
      const side = direction === 'above' || direction === 'below' ? `${direction} ` : '';
      return {
        channel: SYSTEM_CHANNEL,
        text: `Sensor alert (${d.level}) on **${d.deviceId}**: ${d.metric} is ${d.value}, ${side}threshold ${d.threshold}.`,
        link: { href: '/sensors', label: `Device ${d.deviceId}` },
        alert: d.level,
      };
    }
    default:
      return null;
  }
}
