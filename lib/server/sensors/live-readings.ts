import 'server-only';
import type { EventBus } from '../bus';

interface Pending {
  deviceId: string;
  topic: string;
  values: Record<string, number>;
  time: number;
}

export interface LiveOptions {
  /**
   * Shortest gap between two live events of one device and topic; faster readings are merged. 50 ms:
   * a 10 Hz device is never held (at 100 ms, jitter held half its readings ~50 ms: browser p99 112 ms).
   */
  minGapMs: number;
  /** Most live events per second over all devices; past it the newest values wait for the next tick. */
  maxPerSecond: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = { minGapMs: 50, maxPerSecond: 20_000 };

/** How often waiting readings are checked: a held reading goes out at most this late after it is due. */
const DRAIN_TICK_MS = 10;

/**
 * Turns accepted readings into `sensor-reading` events for the dashboard. Every reading is stored;
 * the live stream is bounded: a device publishing faster than 20 times a second has its readings
 * merged (latest value of each metric) into one event per 50 ms, which is more than a chart can
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
    this.timer ??= setTimeout(() => this.drain(), DRAIN_TICK_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  /** Sends the waiting readings whose key is due (its last event is minGapMs old), each at most once. */
  private drain(): void {
    this.timer = null;
    const now = Date.now();
    for (const [key, reading] of this.pending) {
      if (now - (this.lastSent.get(key) ?? 0) < this.options.minGapMs) continue;
      if (!this.allow(now)) break;
      this.pending.delete(key);
      this.lastSent.set(key, now);
      this.send(reading);
    }
    if (this.pending.size > 0) this.timer = setTimeout(() => this.drain(), DRAIN_TICK_MS);
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
