/** The sensors page's one-line answer, in words and a tone: "41/42 devices online · 1 silent". */

export interface StateCounts {
  total: number;
  online: number;
  silent: number;
  offline: number;
}

export type GlanceTone = 'good' | 'warn' | 'bad' | 'idle';

export interface Glance {
  tone: GlanceTone;
  headline: string;
  details: string[];
}

export function sensorsGlance(counts: StateCounts, brokerUp: boolean, alertsLastHour = 0): Glance {
  if (!brokerUp) {
    return { tone: 'bad', headline: 'MQTT broker is down', details: ['devices cannot connect'] };
  }
  if (counts.total === 0) return { tone: 'idle', headline: 'No devices yet', details: [] };
  const details: string[] = [];
  if (counts.silent > 0) details.push(`${counts.silent} silent`);
  if (counts.offline > 0) details.push(`${counts.offline} offline`);
  if (alertsLastHour > 0)
    details.push(`${alertsLastHour} alert${alertsLastHour === 1 ? '' : 's'} in the last hour`);
  const headline = `${counts.online}/${counts.total} device${counts.total === 1 ? '' : 's'} online`;
  const tone: GlanceTone =
    counts.online === 0
      ? 'bad'
      : counts.offline > 0 || counts.silent > 0 || alertsLastHour > 0
        ? 'warn'
        : 'good';
  return { tone, headline, details };
}
