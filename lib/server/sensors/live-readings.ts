import 'server-only';
import type { EventBus } from '../bus';

interface Pending {
  deviceId: string;
  topic: string;
  values: Record<string, number>;
  time: number;
}

export interface LiveOptions {
  /** Shortest gap between two live events of one device and topic; faster readings are merged. */
  minGapMs: number;
  /** Most live events per second over all devices; past it the newest values wait for the next tick. */
  maxPerSecond: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = { minGapMs: 100, maxPerSecond: 20_000 };

/**
 * Turns accepted readings into `sensor-reading` events for the dashboard. Every reading is stored;
 * the live stream is bounded: a device publishing faster than 10 times a second has its readings
 * merged (latest value of each metric) into one event per 100 ms, which is more than a chart can
 * show, and costs the bus, the SSE hub and every browser a fixed amount however fast devices send.
 */
export class LiveReadings {
  private readonly lastSent = new Map<string, number>();
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private windowStart = 0;
  private windowCount = 0;
  /** Readings merged into a later event instead of sent on their own. */
  merged = 0;
  readonly options: LiveOptions;

  constructor(
    private readonly bus: EventBus,
    options: Partial<LiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options };
  }

  push(
    deviceId: string,
    topic: string,
    values: Record<string, number>,
    time: number,
    now = Date.now(),
  ): void {
    const key = `${deviceId}\u0000${topic}`;
    const waiting = this.pending.get(key);
    if (waiting) {
      Object.assign(waiting.values, values);
      waiting.time = Math.max(waiting.time, time);
      this.merged++;
      return;
    }
    const last = this.lastSent.get(key) ?? 0;
    if (now - last >= this.options.minGapMs && this.allow(now)) {
      this.lastSent.set(key, now);
      this.send({ deviceId, topic, values, time });
      return;
    }
    this.pending.set(key, { deviceId, topic, values: { ...values }, time });
    this.timer ??= setTimeout(() => this.drain(), this.options.minGapMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private drain(): void {
    this.timer = null;
    const now = Date.now();
    const pending = this.pending;
    this.pending = new Map();
    for (const [key, reading] of pending) {
      if (!this.allow(now)) {
        this.pending.set(key, reading);
        continue;
      }
      this.lastSent.set(key, now);
      this.send(reading);
    }
    if (this.pending.size > 0) this.timer = setTimeout(() => this.drain(), this.options.minGapMs);
    if (this.lastSent.size > 100_000) this.lastSent.clear();
  }

  private allow(now: number): boolean {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (this.windowCount >= this.options.maxPerSecond) return false;
    this.windowCount++;
    return true;
  }

  private send(reading: Pending): void {
    try {
      this.bus.publish('sensor-reading', reading);
    } catch (error) {
      console.error('[sensors] a live reading failed its schema:', error);
    }
  }
}
