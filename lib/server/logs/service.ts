import 'server-only';
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
        const cursors = new Map<string, bigint>();
        for (const container of runtime.store.containers()) {
          if (container.cursorNs) cursors.set(container.name, BigInt(container.cursorNs));
        }
        runtime.docker = new DockerSource({
          target,
          registry: runtime.registry,
          cursors,
          backfillLines: config.LOG_DOCKER_BACKFILL_LINES,
          sink: {
            lines: (lines) => runtime.ingest.push(lines),
            onDrain: (listener) => runtime.ingest.onDrain(listener),
          },
        });
        runtime.docker.start();
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
  stop() {
    clearInterval(pruneTimer);
    const runtime = getLogRuntime();
    runtime.docker?.stop();
    // Lines still queued are stored before the store closes.
    runtime.ingest.stop();
  },
};
