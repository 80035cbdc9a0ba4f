import { startLiveMetrics, type LiveMetricsRuntime } from '../../lib/server/live-metrics/runtime';
import type { Service } from '../../lib/server/services';
import { MetricsSocketServer } from './ws-metrics';

let runtime: LiveMetricsRuntime | null = null;
let sockets: MetricsSocketServer | null = null;

/** The live metrics sampler, its WebSocket fallback at `/ws/metrics`, and their shutdown. */
export const liveMetricsService: Service = {
  name: 'live metrics',
  start({ env, upgrades }) {
    runtime = startLiveMetrics(env.DATA_DIR);
    sockets = new MetricsSocketServer(runtime.hub);
    upgrades.add('/ws/metrics', sockets.handleUpgrade);
  },
  async stop() {
    await sockets?.close();
    sockets = null;
    runtime?.stop();
    runtime = null;
  },
};
