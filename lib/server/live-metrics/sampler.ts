import 'server-only';
import { METRIC_COUNT, METRIC_INDEX as I, MAX_SNAPSHOT_SAMPLES } from '../../events/metrics-frames';
import { TRANSPORTS, type Transport } from '../metrics';
import { CpuProbe, GcProbe, LoopDelayProbe } from './process-probes';
import { type TrafficTotals } from './traffic-probe';

/** Where the sampler's slower figures come from; tests pass fakes. */
export interface SamplerSources {
  traffic(): Promise<TrafficTotals>;
  /** Events published on the bus since start (a running total). */
  busEvents(): number;
  storeSize(): Promise<{ db: number; wal: number }>;
  memory(): { rss: number; heapUsed: number };
  now(): number;
}

export interface SamplerOptions {
  /** How often the window figures (CPU, rates, GC, loop delay, traffic) are refreshed. */
  tickMs: number;
  /** Rates are averaged over this window: steady enough to read, recent enough to matter. */
  windowMs: number;
  /** Store sizes are read from disk this often. */
  storeEveryMs: number;
}

export const DEFAULT_SAMPLER_OPTIONS: SamplerOptions = { tickMs: 250, windowMs: 1_000, storeEveryMs: 2_000 };

interface Totals {
  at: number;
  out: Record<Transport, number>;
  in: Record<Transport, number>;
  bus: number;
  gcPause: number;
  gcCount: number;
}

export interface HistorySample {
  time: number;
  values: Float64Array;
}

const MB = 1024 * 1024;
const CONN = { sse: I.connSse, ws: I.connWs, mqtt: I.connMqtt, webtransport: I.connWebtransport } as const;
const OUT = { sse: I.outSse, ws: I.outWs, mqtt: I.outMqtt, webtransport: I.outWebtransport } as const;
const IN = { sse: I.inSse, ws: I.inWs, mqtt: I.inMqtt, webtransport: I.inWebtransport } as const;

/**
 * Signalboard's own vital signs, shared by every live metrics session. Figures that need a window
 * (CPU, event-loop utilisation and delay, GC pauses, messages per second, store size) are refreshed on
 * a 250 ms tick; memory is read when a sample is asked for, at most once per few ms, so sessions at
 * 60 Hz cost one read per frame between them, not one each.
 */
export class MetricsSampler {
  private readonly options: SamplerOptions;
  private readonly values = new Float64Array(METRIC_COUNT);
  private readonly window: Totals[] = [];
  private readonly recent: HistorySample[] = [];
  private readonly cpu = new CpuProbe();
  private readonly gc = new GcProbe();
  private readonly loop = new LoopDelayProbe();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private gcPauseTotal = 0;
  private gcCountTotal = 0;
  private lastLoopAt = 0;
  private lastStoreAt = -Infinity;
  private lastReadAt = -Infinity;

  constructor(
    private readonly sources: SamplerSources,
    options: Partial<SamplerOptions> = {},
  ) {
    this.options = { ...DEFAULT_SAMPLER_OPTIONS, ...options };
  }

  start(): void {
    if (this.timer) return;
    this.gc.start();
    this.loop.start();
    this.cpu.take();
    this.lastLoopAt = this.sources.now();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.gc.stop();
    this.loop.stop();
  }

  /**
   * The newest values (METRIC_COUNT entries, in METRIC_DEFS order). The array is the sampler's own and
   * changes on the next read: encode it at once.
   */
  read(): Float64Array {
    const now = this.sources.now();
    if (now - this.lastReadAt >= 4) {
      const memory = this.sources.memory();
      this.values[I.rss] = memory.rss / MB;
      this.values[I.heapUsed] = memory.heapUsed / MB;
      this.lastReadAt = now;
    }
    return this.values;
  }

  /** Up to MAX_SNAPSHOT_SAMPLES recent samples (one per tick), oldest first: the snapshot at connect. */
  history(): readonly HistorySample[] {
    return this.recent;
  }

  /** One refresh of the window figures; exposed for tests. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.sources.now();
      const { cpu, elu } = this.cpu.take();
      this.values[I.cpu] = cpu;
      this.values[I.elu] = elu;
      const gc = this.gc.take();
      this.gcPauseTotal += gc.pauseMs;
      this.gcCountTotal += gc.count;
      if (now - this.lastLoopAt >= this.options.windowMs) {
        const delay = this.loop.take();
        this.values[I.loopDelayP50] = delay.p50;
        this.values[I.loopDelayP99] = delay.p99;
        this.values[I.loopDelayMax] = delay.max;
        this.lastLoopAt = now;
      }
      if (now - this.lastStoreAt >= this.options.storeEveryMs) {
        this.lastStoreAt = now;
        const store = await this.sources.storeSize();
        this.values[I.storeSize] = (store.db + store.wal) / MB;
        this.values[I.storeWal] = store.wal / MB;
      }
      const traffic = await this.sources.traffic();
      for (const t of TRANSPORTS) this.values[CONN[t]] = traffic.connections[t];
      this.rates({
        at: this.sources.now(),
        out: traffic.out,
        in: traffic.in,
        bus: this.sources.busEvents(),
        gcPause: this.gcPauseTotal,
        gcCount: this.gcCountTotal,
      });
      this.read();
      this.recent.push({ time: now, values: Float64Array.from(this.values) });
      if (this.recent.length > MAX_SNAPSHOT_SAMPLES) this.recent.shift();
    } catch (error) {
      console.error('[live-metrics] sampling failed:', error);
    } finally {
      this.ticking = false;
    }
  }

  /** Per-second rates between now and the oldest totals still inside the window. */
  private rates(totals: Totals): void {
    this.window.push(totals);
    while (this.window.length > 2 && totals.at - this.window[1]!.at >= this.options.windowMs) {
      this.window.shift();
    }
    const first = this.window[0]!;
    const seconds = (totals.at - first.at) / 1000;
    const rate = (a: number, b: number) => (seconds > 0 ? Math.max(0, b - a) / seconds : 0);
    for (const t of TRANSPORTS) {
      this.values[OUT[t]] = rate(first.out[t], totals.out[t]);
      this.values[IN[t]] = rate(first.in[t], totals.in[t]);
    }
    this.values[I.busEvents] = rate(first.bus, totals.bus);
    this.values[I.gcPause] = rate(first.gcPause, totals.gcPause);
    this.values[I.gcCount] = rate(first.gcCount, totals.gcCount);
  }
}
