import 'server-only';
import type { EventBus } from '../bus';
import { listDevices, markAllOffline, markOfflineUnlessOn, recordConnection } from '../devices/store';
import type { Db } from '../store';
import type { Activity } from './reading-writer';

export type DeviceState = 'online' | 'silent' | 'offline';

const BURST_MS = 250;

interface Tracked {
  connections: number;
  /** A clean disconnect waiting out the grace period before the device counts as offline. */
  offlineTimer: NodeJS.Timeout | null;
  lastSeen: number | null;
  /** Smoothed gap between readings (ms); null until two readings arrived. */
  intervalMs: number | null;
  silent: boolean;
}

export interface TrackerOptions {
  /** Missed reporting intervals before a connected device counts as silent (a sign of trouble). */
  troubleIntervals: number;
  /** Floor of the interval used for that, so a chatty device is not flagged after a short pause. */
  minIntervalMs: number;
  /** Interval assumed for a device that has sent fewer than two readings. */
  defaultIntervalMs: number;
  /**
   * After a clean DISCONNECT, how long before the device counts as offline: a device that connects
   * for each reading (a battery sensor, `mosquitto_pub`) should not flap. A lost connection or a last
   * will counts at once.
   */
  offlineGraceMs: number;
  /**
   * Several instances share the store (REDIS_URL): this instance's id, and the instances alive when
   * it starts. Only the devices of instances that are gone are marked offline then, not those
   * connected to another instance. Null: this process is the only broker.
   */
  cluster: { instanceId: string; live: readonly string[] } | null;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  troubleIntervals: 3,
  minIntervalMs: 5_000,
  defaultIntervalMs: 60_000,
  offlineGraceMs: 10_000,
  cluster: null,
};

/**
 * Online / silent / offline for every device, from its connections (and last will) and its data.
 * Each change is written to the device row and published as a durable `device-status` event, so
 * the dashboard and chat hear it once; steady readings change nothing.
 */
export class DeviceTracker {
  private readonly devices = new Map<string, Tracked>();
  readonly options: TrackerOptions;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    options: Partial<TrackerOptions> = {},
  ) {
    this.options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
    const { cluster } = this.options;
    // No connection survives a restart: devices come back as they reconnect. With several instances,
    // the devices connected to another live instance stay as they are.
    if (cluster) this.forgetInstancesExcept(cluster.live, 'broker restarted');
    else markAllOffline(db, 'broker restarted');
    for (const device of listDevices(db)) {
      this.devices.set(device.id, {
        connections: 0,
        offlineTimer: null,
        lastSeen: device.lastSeen,
        intervalMs: device.intervalMs,
        silent: false,
      });
    }
  }

  connected(deviceId: string, at = Date.now()): void {
    const device = this.get(deviceId);
    device.connections++;
    if (device.offlineTimer) {
      // Back within the grace period: it never counted as offline.
      clearTimeout(device.offlineTimer);
      device.offlineTimer = null;
      return;
    }
    if (device.connections > 1) return;
    device.silent = false;
    const instanceId = this.options.cluster?.instanceId ?? null;
    recordConnection(this.db, deviceId, { online: true, at, reason: 'connected', instanceId });
    this.publish(deviceId, 'online', 'connected');
  }

  /** A connection closed; the device goes offline with the last one (after the grace, when clean). */
  disconnected(deviceId: string, reason: string, { clean = false } = {}): void {
    const device = this.get(deviceId);
    device.connections = Math.max(0, device.connections - 1);
    if (device.connections > 0 || device.offlineTimer) return;
    const goOffline = () => {
      device.offlineTimer = null;
      if (device.connections > 0) return;
      device.silent = false;
      const instanceId = this.options.cluster?.instanceId ?? null;
      // False: the device is connected to another instance now, which speaks for it.
      if (!recordConnection(this.db, deviceId, { online: false, at: Date.now(), reason, instanceId })) return;
      this.publish(deviceId, 'offline', reason);
    };
    if (!clean || this.options.offlineGraceMs <= 0) return goOffline();
    device.offlineTimer = setTimeout(goOffline, this.options.offlineGraceMs);
    device.offlineTimer.unref();
  }

  /** Several instances: devices held by an instance not in `live` go offline (it stopped or died). */
  forgetInstancesExcept(live: readonly string[], reason = 'its instance stopped'): void {
    const mine = this.options.cluster?.instanceId;
    const gone = markOfflineUnlessOn(this.db, mine ? [...live, mine] : live, reason);
    for (const deviceId of gone) {
      if (this.isConnected(deviceId)) continue;
      this.bus.publish('device-status', { deviceId, online: false, state: 'offline', reason });
    }
  }

  /** Cancels pending grace timers (shutdown). */
  stop(): void {
    for (const device of this.devices.values()) {
      if (device.offlineTimer) clearTimeout(device.offlineTimer);
      device.offlineTimer = null;
    }
  }

  /** A reading arrived; returns what the writer stores about the device. */
  activity(deviceId: string, at: number): Activity {
    const device = this.get(deviceId);
    if (device.lastSeen !== null && at > device.lastSeen) {
      const gap = at - device.lastSeen;
      // Messages of one report (a bare number per metric topic) arrive together: not an interval.
      if (gap >= BURST_MS && gap < 3_600_000)
        device.intervalMs =
          device.intervalMs === null ? gap : Math.round(0.8 * device.intervalMs + 0.2 * gap);
    }
    if (device.lastSeen === null || at > device.lastSeen) device.lastSeen = at;
    if (device.silent) {
      device.silent = false;
      this.publish(deviceId, 'online', 'data again');
    }
    return { lastSeen: device.lastSeen, intervalMs: device.intervalMs };
  }

  /** Flags connected devices that stopped sending; call every few seconds. */
  sweep(now = Date.now()): void {
    const { troubleIntervals, minIntervalMs, defaultIntervalMs } = this.options;
    for (const [id, device] of this.devices) {
      if ((device.connections === 0 && !device.offlineTimer) || device.silent || device.lastSeen === null)
        continue;
      const interval = Math.max(minIntervalMs, device.intervalMs ?? defaultIntervalMs);
      if (now - device.lastSeen <= troubleIntervals * interval) continue;
      device.silent = true;
      const seconds = Math.round((now - device.lastSeen) / 1000);
      this.publish(id, 'silent', `no data for ${seconds} s (${troubleIntervals} reporting intervals)`);
    }
  }

  stateOf(deviceId: string): DeviceState {
    const device = this.devices.get(deviceId);
    if (!device || (device.connections === 0 && !device.offlineTimer)) return 'offline';
    return device.silent ? 'silent' : 'online';
  }

  lastSeenOf(deviceId: string): number | null {
    return this.devices.get(deviceId)?.lastSeen ?? null;
  }

  /** Connected now (also while silent). */
  isConnected(deviceId: string): boolean {
    const device = this.devices.get(deviceId);
    return device !== undefined && (device.connections > 0 || device.offlineTimer !== null);
  }

  private get(deviceId: string): Tracked {
    let device = this.devices.get(deviceId);
    if (!device)
      this.devices.set(
        deviceId,
        (device = { connections: 0, offlineTimer: null, lastSeen: null, intervalMs: null, silent: false }),
      );
    return device;
  }

  private publish(deviceId: string, state: DeviceState, reason: string): void {
    const lastSeen = this.devices.get(deviceId)?.lastSeen ?? undefined;
    this.bus.publish('device-status', { deviceId, online: state !== 'offline', state, reason, lastSeen });
  }
}
