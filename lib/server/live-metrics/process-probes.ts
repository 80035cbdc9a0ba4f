import 'server-only';
import {
  PerformanceObserver,
  monitorEventLoopDelay,
  performance,
  type IntervalHistogram,
} from 'node:perf_hooks';

/** GC pauses as Node reports them (`PerformanceObserver` entries of type 'gc'), summed until read. */
export class GcProbe {
  private observer: PerformanceObserver | null = null;
  private pauseMs = 0;
  private count = 0;

  start(): void {
    if (this.observer) return;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.pauseMs += entry.duration;
        this.count++;
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  /** Pause time and runs since the previous call. */
  take(): { pauseMs: number; count: number } {
    const out = { pauseMs: this.pauseMs, count: this.count };
    this.pauseMs = 0;
    this.count = 0;
    return out;
  }
}

/** Event-loop delay (perf_hooks.monitorEventLoopDelay), read and reset once per window. */
export class LoopDelayProbe {
  private histogram: IntervalHistogram | null = null;

  start(): void {
    if (this.histogram) return;
    // 10 ms is Node's default sampling resolution: cheap, and fine enough for a "is the loop stuck" chart.
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = null;
  }

  /** p50, p99 and max in ms since the previous call (0 when nothing was recorded). */
  take(): { p50: number; p99: number; max: number } {
    const h = this.histogram;
    if (!h || h.count === 0) return { p50: 0, p99: 0, max: 0 };
    const ms = (ns: number) => ns / 1e6;
    const out = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
    h.reset();
    return out;
  }
}

/** CPU time of the process and event-loop utilisation, as percentages over the time between calls. */
export class CpuProbe {
  private lastCpu = process.cpuUsage();
  private lastElu = performance.eventLoopUtilization();
  private lastAt = performance.now();

  take(): { cpu: number; elu: number } {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const elu = performance.eventLoopUtilization(this.lastElu);
    const wallUs = Math.max(1, (now - this.lastAt) * 1000);
    this.lastCpu = process.cpuUsage();
    this.lastElu = performance.eventLoopUtilization();
    this.lastAt = now;
    // 100 % = one core busy; a process using two cores shows up to 200 %.
    return { cpu: ((cpu.user + cpu.system) / wallUs) * 100, elu: elu.utilization * 100 };
  }
}
