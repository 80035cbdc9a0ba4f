import 'server-only';
import { getBus } from '../bus';
import { listDevices, type Device } from '../devices/store';
import type { Db } from '../store';
import type { DeviceState } from './device-tracker';
import { recentRejections, rejectionCounts, type RecentRejection, type RejectionCount } from './rejections';
import { sensorsRuntime, type BrokerStatus } from './runtime';
import { listSeries } from './series-catalog';
import { listThresholds, type Threshold } from './thresholds';

export interface DeviceMetric {
  metric: string;
  topic: string;
  lastValue: number | null;
  lastTs: number | null;
}

export interface SensorDevice extends Device {
  state: DeviceState;
  metrics: DeviceMetric[];
}

export interface SensorCounts {
  total: number;
  online: number;
  silent: number;
  offline: number;
}

export interface SensorAlert {
  id: number;
  ts: number;
  deviceId: string;
  metric: string;
  value: number;
  threshold: number;
  level: 'warning' | 'critical';
  topic?: string;
}

export interface SensorsOverview {
  devices: SensorDevice[];
  counts: SensorCounts;
  rejections: { counts: RejectionCount[]; recent: RecentRejection[] };
  thresholds: Threshold[];
  alerts: SensorAlert[];
  broker: BrokerStatus;
  loadedAt: number;
  /**
   * The newest event id when this was read (taken first, so it never runs ahead of the data): a page
   * whose live stream starts later reloads when the stream is already past it, so nothing between the
   * render and the connect (a device dropping off, say) is missed.
   */
  lastEventId: number;
}

/** Every active device with its state and latest values (revoked ones too when asked). */
export function sensorDevices(db: Db, { includeRevoked = false } = {}): SensorDevice[] {
  const ingest = sensorsRuntime().ingest;
  const tracker = ingest?.tracker;
  const metrics = new Map<string, DeviceMetric[]>();
  // The running ingest knows values not yet written (it writes every 250 ms); the store is the fallback.
  const series = ingest
    ? [...ingest.catalog.all()].sort((a, b) => a.topic.localeCompare(b.topic))
    : listSeries(db);
  for (const s of series) {
    const list = metrics.get(s.deviceId) ?? [];
    list.push({ metric: s.metric, topic: s.topic, lastValue: s.lastValue, lastTs: s.lastTs });
    metrics.set(s.deviceId, list);
  }
  return listDevices(db, { includeRevoked }).map((device) => ({
    ...device,
    // The running broker knows silence and live connections; the row is the fallback (another process).
    // With several instances a device may be connected to another one: then the row tells.
    state: tracker?.isConnected(device.id)
      ? tracker.stateOf(device.id)
      : device.online
        ? 'online'
        : 'offline',
    lastSeen: Math.max(tracker?.lastSeenOf(device.id) ?? 0, device.lastSeen ?? 0) || null,
    metrics: metrics.get(device.id) ?? [],
  }));
}

export function countStates(
  devices: readonly { state: DeviceState; revokedAt: number | null }[],
): SensorCounts {
  const counts = { total: 0, online: 0, silent: 0, offline: 0 };
  for (const d of devices) {
    if (d.revokedAt !== null) continue;
    counts.total++;
    counts[d.state]++;
  }
  return counts;
}

export function recentAlerts(db: Db, limit = 20): SensorAlert[] {
  const rows = db
    .prepare("SELECT id, ts, data FROM events WHERE type = 'sensor-alert' ORDER BY id DESC LIMIT ?")
    .all(limit) as { id: number; ts: number; data: string }[];
  return rows.map((row) => ({
    id: row.id,
    ts: row.ts,
    ...(JSON.parse(row.data) as Omit<SensorAlert, 'id' | 'ts'>),
  }));
}

/** Everything the sensors page needs on first paint, and what `GET /api/sensors` returns. */
export function sensorsOverview(db: Db): SensorsOverview {
  const lastEventId = getBus().lastId();
  const devices = sensorDevices(db);
  return {
    devices,
    counts: countStates(devices),
    rejections: { counts: rejectionCounts(db), recent: recentRejections(db, 20) },
    thresholds: listThresholds(db),
    alerts: recentAlerts(db),
    broker: sensorsRuntime().broker,
    loadedAt: Date.now(),
    lastEventId,
  };
}

/** The sensors part of the SSE `hello`: counts and broker state, small enough for every reconnect. */
export function sensorsSnapshot(db: Db) {
  return { counts: countStates(sensorDevices(db)), broker: sensorsRuntime().broker };
}

/** What the overview's Sensors card needs: each device's state, the broker, the latest alerts. */
export function sensorsCard(db: Db) {
  return {
    states: sensorDevices(db).map((d) => ({ id: d.id, state: d.state })),
    brokerUp: sensorsRuntime().broker.state === 'up',
    alerts: recentAlerts(db, 3),
    loadedAt: Date.now(),
  };
}

export type SensorsCardData = ReturnType<typeof sensorsCard>;
