import 'server-only';
import type { EventBus } from '../bus';
import type { Db } from '../store';
import { DeviceTracker, type TrackerOptions } from './device-tracker';
import { LiveReadings, type LiveOptions } from './live-readings';
import { parseReading, type RejectionReason } from './payload';
import { HOUR_MS, ReadingWriter } from './reading-writer';
import { RejectionLog } from './rejections';
import { SeriesCatalog } from './series-catalog';
import { ThresholdWatch } from './thresholds';

/** Raw readings are kept this long (then only the minute and hour rollups). */
export const RAW_RETENTION_MS = 24 * HOUR_MS;

export interface IngestOptions {
  /** How often buffered readings are written (ms). */
  flushMs: number;
  /** Readings buffered before a flush happens early. */
  maxBuffered: number;
  tracker: Partial<TrackerOptions>;
  live: Partial<LiveOptions>;
}

const DEFAULTS: IngestOptions = { flushMs: 250, maxBuffered: 50_000, tracker: {}, live: {} };

/**
 * The sensor pipeline behind the broker: every message a device publishes under `sensors/` comes
 * here. It is parsed (rejections counted with their reason), checked against thresholds, handed to
 * the live stream, and buffered for the batched writer. Nothing here waits on the disk.
 */
export class SensorIngest {
  readonly catalog: SeriesCatalog;
  readonly writer: ReadingWriter;
  readonly rejections = new RejectionLog();
  readonly tracker: DeviceTracker;
  readonly live: LiveReadings;
  private readonly thresholds: ThresholdWatch;
  private readonly options: IngestOptions;
  private flushTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Messages accepted (each may hold several readings) and readings, since the start. */
  accepted = 0;
  readings = 0;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    options: Partial<IngestOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.catalog = new SeriesCatalog(db);
    this.writer = new ReadingWriter(db);
    this.tracker = new DeviceTracker(db, bus, this.options.tracker);
    this.live = new LiveReadings(bus, this.options.live);
    this.thresholds = new ThresholdWatch(db);
  }

  start(): void {
    this.flushTimer = setInterval(() => this.flush(), this.options.flushMs);
    this.flushTimer.unref();
    this.sweepTimer = setInterval(() => this.tracker.sweep(), 5_000);
    this.sweepTimer.unref();
  }

  /** Writes what is buffered and stops the timers (shutdown). */
  stop(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.live.stop();
    this.tracker.stop();
    this.flush();
  }

  /** One message from device `deviceId`, whose subtree is `prefix`. */
  accept(deviceId: string, prefix: string, topic: string, payload: Buffer, receivedAt = Date.now()): void {
    const result = parseReading(topic, payload, receivedAt, RAW_RETENTION_MS, prefix);
    if (result.ok === 'ignored' || result.ok === 'status') return;
    if (result.ok === false) {
      this.reject(result.reason, result.detail, deviceId, topic);
      return;
    }
    const { location, values, time } = result.reading;
    for (const metric in values) {
      const value = values[metric]!;
      const series = this.catalog.get(deviceId, location, metric);
      this.writer.add(series, time, value);
      if (series.lastTs === null || time >= series.lastTs) {
        series.lastValue = value;
        series.lastTs = time;
      }
      for (const { threshold } of this.thresholds.check(series, value)) {
        this.bus.publish('sensor-alert', {
          deviceId,
          metric,
          value,
          threshold: threshold.value,
          level: threshold.level,
          topic: series.topic,
          direction: threshold.direction,
        });
      }
      this.readings++;
    }
    this.accepted++;
    this.writer.noteActivity(deviceId, this.tracker.activity(deviceId, receivedAt));
    this.live.push(deviceId, location, values, time, receivedAt);
    if (this.writer.size >= this.options.maxBuffered) this.flush();
  }

  reject(reason: RejectionReason, detail: string, deviceId: string | null, topic: string | null): void {
    this.rejections.record(reason, detail, deviceId, topic);
  }

  flush(): void {
    try {
      this.writer.flush();
      this.rejections.flush(this.db);
    } catch (error) {
      console.error('[sensors] writing readings failed:', error);
    }
  }
}
