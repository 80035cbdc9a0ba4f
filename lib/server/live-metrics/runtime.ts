import 'server-only';
import { dropProcessWide, processWide } from '../process-wide';
import { MetricsHub } from './hub';
import { MetricsSampler } from './sampler';
import { countBusEvents, readStoreSize, readTraffic } from './traffic-probe';

export interface LiveMetricsRuntime {
  sampler: MetricsSampler;
  hub: MetricsHub;
  stop(): void;
}

/**
 * The process's sampler and hub, shared by the WebSocket fallback and the WebTransport listener
 * (and visible to route handlers through globalThis, see process-wide.ts).
 */
export function startLiveMetrics(dataDir: string): LiveMetricsRuntime {
  return processWide('live-metrics', () => {
    const bus = countBusEvents();
    const sampler = new MetricsSampler({
      traffic: readTraffic,
      busEvents: bus.total,
      storeSize: () => readStoreSize(dataDir),
      memory: () => process.memoryUsage(),
      now: () => Date.now(),
    });
    sampler.start();
    const hub = new MetricsHub(sampler);
    return {
      sampler,
      hub,
      stop() {
        hub.close();
        sampler.stop();
        bus.stop();
        dropProcessWide('live-metrics');
      },
    };
  });
}
