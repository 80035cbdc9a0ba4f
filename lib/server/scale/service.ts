import 'server-only';
import { getBus } from '../bus';
import type { Service } from '../services';
import { ClusterLink, getCluster, setCluster } from './cluster';
import { bridgeBus } from './redis-bus';

let stopBridge: (() => void) | null = null;

/**
 * Several instances (REDIS_URL set): opens the link to Redis and routes the bus through it. First in
 * the start order, so every event any part publishes goes to the other instances; last to stop.
 * Without REDIS_URL it does not start and nothing changes.
 */
export const clusterService: Service = {
  name: 'cluster link (Redis)',
  enabled: (env) => env.REDIS_URL !== undefined,
  async start({ env }) {
    const link = new ClusterLink(env.REDIS_URL!, env.PORT);
    setCluster(link);
    await link.start();
    stopBridge = bridgeBus(getBus(), link).stop;
    console.log(`[cluster] instance ${link.instanceId} on ${link.shownUrl}`);
  },
  async stop() {
    stopBridge?.();
    stopBridge = null;
    await getCluster()?.close();
    setCluster(null);
  },
};
