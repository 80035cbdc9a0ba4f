import 'server-only';
import { getCluster } from '../scale/cluster';
import { runOnce } from '../scale/run-once';
import type { Service } from '../services';
import { getSseHub } from '../sse';
import { logsEnv } from './config';
import { DockerSource } from './docker/engine';
import { dockerTarget } from './docker/host';
import { pruneLogs } from './retention';
import { getLogRuntime, logsSnapshot } from './runtime';

const PRUNE_EVERY_MS = 60_000;
let pruneTimer: NodeJS.Timeout | undefined;
let pruning = false;
let stopLease: (() => Promise<void>) | null = null;

/**
 * Container logs: the store and ingest (created on first use), the replay source and snapshot of
 * the logs stream, the Docker engine as a source (DOCKER_HOST or the default socket; LOG_DOCKER=off
 * leaves it alone), and the retention every minute. The Loki push endpoint is a route handler.
 */
export const logsService: Service = {
  name: 'logs',
  start({ env }) {
    const config = logsEnv();
    const runtime = getLogRuntime();
    getSseHub().setSnapshot('logs', logsSnapshot);

    if (config.LOG_DOCKER === 'off') {
      runtime.dockerDisabled = 'LOG_DOCKER=off: container logs are not followed (push still works).';
    } else {
      const target = dockerTarget(env.DOCKER_HOST);
      if (!target.ok) {
        runtime.dockerDisabled = target.error;
        console.warn(`[logs] ${target.error}`);
      } else {
        const follow = () => {
          // From the cursors in the store: where this or another instance stopped, no line twice.
          const cursors = new Map<string, bigint>();
          for (const container of runtime.store.containers()) {
            if (container.cursorNs) cursors.set(container.name, BigInt(container.cursorNs));
          }
          const source = new DockerSource({
            target,
            registry: runtime.registry,
            cursors,
            backfillLines: config.LOG_DOCKER_BACKFILL_LINES,
            sink: {
              lines: (lines) => runtime.ingest.push(lines),
              onDrain: (listener) => runtime.ingest.onDrain(listener),
            },
          });
          runtime.docker = source;
          runtime.dockerDisabled = null;
          source.start();
          return () => {
            source.stop();
            if (runtime.docker === source) runtime.docker = null;
            runtime.dockerDisabled =
              'Another instance follows the Docker engine (several instances on Redis).';
          };
        };
        const cluster = getCluster();
        // Several instances on one engine: one of them follows it, else every line would be stored twice.
        if (cluster) {
          runtime.dockerDisabled = 'Another instance follows the Docker engine (several instances on Redis).';
          stopLease = runOnce(cluster, 'docker-logs', follow);
        } else follow();
      }
    }

    const prune = () => {
      if (pruning) return;
      pruning = true;
      pruneLogs(runtime.store, config.LOG_RETENTION_HOURS * 3_600_000, config.LOG_MAX_LINES)
        .then((removed) => {
          if (removed) console.log(`[logs] retention removed ${removed} lines`);
        })
        .catch((error: unknown) => console.error('[logs] retention failed:', error))
        .finally(() => (pruning = false));
    };
    prune();
    pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    pruneTimer.unref();
  },
  async stop() {
    clearInterval(pruneTimer);
    await stopLease?.();
    stopLease = null;
    const runtime = getLogRuntime();
    runtime.docker?.stop();
    // Lines still queued are stored before the store closes.
    runtime.ingest.stop();
  },
};
