import 'server-only';
import { getBus } from '../bus';
import { processWide } from '../process-wide';
import { getDb } from '../store';
import { ActivityCounter } from './activity';
import { logsEnv } from './config';
import { ContainerRegistry } from './containers';
import type { DockerSource } from './docker/engine';
import type { EngineState } from './docker/engine-state';
import { LogIngest } from './ingest';
import { RecentLines } from './recent';
import { logReplaySource } from './replay';
import { LogStore } from './store';

/** The log feature's process-wide parts, shared by the service in server.ts and the route handlers. */
export interface LogRuntime {
  store: LogStore;
  ingest: LogIngest;
  registry: ContainerRegistry;
  recent: RecentLines;
  activity: ActivityCounter;
  /** Set by the logs service when it follows an engine. */
  docker: DockerSource | null;
  /** Why there is no engine, when there is none to follow (LOG_DOCKER=off, bad DOCKER_HOST). */
  dockerDisabled: string | null;
}

/**
 * Creates the log store, ingest and in-memory views on first use, and registers the logs stream's
 * replay source and the bus sink for `log-line` events published through POST /api/events.
 */
export function getLogRuntime(): LogRuntime {
  return processWide('logs', () => {
    const config = logsEnv();
    const db = getDb();
    const bus = getBus();
    const store = new LogStore(db, bus);
    const registry = new ContainerRegistry();
    registry.seed(store.containers());
    const recent = new RecentLines(config.LOG_RECENT_PER_CONTAINER);
    const activity = new ActivityCounter();
    const ingest = new LogIngest(
      store,
      bus,
      (lines) => {
        recent.add(lines);
        registry.count(lines);
        activity.add(lines);
      },
      { lineMaxChars: config.LOG_LINE_MAX_CHARS },
    );
    bus.setReplaySource('logs', logReplaySource(db));
    bus.setSink('log-line', (data) => ingest.storeNow(data));
    return { store, ingest, registry, recent, activity, docker: null, dockerDisabled: null };
  });
}

/** The engine as the UI shows it. */
export function engineState(runtime: LogRuntime): EngineState {
  if (runtime.docker) return runtime.docker.state;
  return { kind: 'disabled', reason: runtime.dockerDisabled ?? 'The log service has not started.' };
}

/** What a client needs to draw the logs view on (re)connect: the engine and the containers. */
export function logsSnapshot() {
  const runtime = getLogRuntime();
  return { engine: engineState(runtime), containers: runtime.registry.list() };
}

/** The logs page's and the overview card's first paint: engine, containers, activity. */
export function logsOverview() {
  const runtime = getLogRuntime();
  return {
    serverTime: Date.now(),
    engine: engineState(runtime),
    containers: runtime.registry.list(),
    activity: runtime.activity.snapshot(),
    stored: runtime.store.size,
  };
}
