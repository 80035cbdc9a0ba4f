import { PROFILES, type MetricName } from './signals';

/** One simulated device: where it is, what it measures and how it reports. */
export interface SimulatedDevice {
  id: string;
  topicPrefix: string;
  metrics: MetricName[];
  /** Seconds between readings. */
  intervalSeconds: number;
  qos: 0 | 1;
  /** `json`: one object per reading on the prefix; `metric-topics`: a bare number per metric topic. */
  format: 'json' | 'metric-topics';
}

export interface FleetOptions {
  /** Devices in all (spread over sites, floors and rooms). Default 12. */
  devices: number;
  /** Sites (buildings). Default 3. */
  sites: number;
  floorsPerSite: number;
  intervalSeconds: number;
  /** Id prefix, so a CLI fleet and the built-in one never share credentials. */
  idPrefix: string;
}

export const DEFAULT_FLEET: FleetOptions = {
  devices: 12,
  sites: 3,
  floorsPerSite: 2,
  intervalSeconds: 5,
  idPrefix: 'sim',
};

const SITE_NAMES = [
  'building-a',
  'building-b',
  'greenhouse',
  'warehouse',
  'lab',
  'office-east',
  'office-west',
  'plant-2',
];

/**
 * Lays a fleet out as sites / floors / rooms: `sensors/building-a/floor-2/room-201`. Offices measure
 * temperature, humidity and CO2; greenhouses add soil moisture and light. Every third device reports
 * one bare number per metric topic instead of a JSON object; even devices publish at QoS 1.
 */
export function buildFleet(options: Partial<FleetOptions> = {}): SimulatedDevice[] {
  const o = { ...DEFAULT_FLEET, ...options };
  const devices: SimulatedDevice[] = [];
  const perSite = Math.ceil(o.devices / o.sites);
  for (let i = 0; i < o.devices; i++) {
    const siteIndex = Math.floor(i / perSite);
    const site =
      SITE_NAMES[siteIndex % SITE_NAMES.length]! +
      (siteIndex >= SITE_NAMES.length ? `-${Math.floor(siteIndex / SITE_NAMES.length) + 1}` : '');
    const inSite = i % perSite;
    const floor = (inSite % o.floorsPerSite) + 1;
    const room = floor * 100 + Math.floor(inSite / o.floorsPerSite) + 1;
    const green = site.startsWith('greenhouse');
    const metrics: MetricName[] = green
      ? ['temperature', 'humidity', 'soil_moisture', 'light']
      : ['temperature', 'humidity', 'co2'];
    devices.push({
      id: `${o.idPrefix}-${site}-${room}`,
      topicPrefix: `sensors/${site}/floor-${floor}/room-${room}`,
      metrics: metrics.filter((m) => m in PROFILES),
      intervalSeconds: o.intervalSeconds,
      qos: i % 2 === 0 ? 1 : 0,
      format: i % 3 === 2 ? 'metric-topics' : 'json',
    });
  }
  return devices;
}
