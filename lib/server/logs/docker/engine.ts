import 'server-only';
import Docker from 'dockerode';
import type { ContainerRegistry, ContainerState } from '../containers';
import { describeEngineError, engineRetryDelay, type EngineState } from './engine-state';
import { ContainerFollower, type FollowSink } from './follower';
import type { DockerTarget } from './host';
import { LineSplitter } from './line-splitter';

const PING_TIMEOUT_MS = 5_000;
/** The engine's `Status` text ("Up 3 minutes") ages: the list is refreshed this often too. */
const REFRESH_EVERY_MS = 15_000;
/** Container events come in bursts (create, start, attach…): one list refresh per burst. */
const REFRESH_DEBOUNCE_MS = 150;

const CONTAINER_STATES = new Set<ContainerState>([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);

export interface DockerSourceOptions {
  target: Extract<DockerTarget, { ok: true }>;
  registry: ContainerRegistry;
  sink: FollowSink;
  /** The resume cursor of each container name, from the store. */
  cursors: Map<string, bigint>;
  backfillLines: number;
  /** Containers carrying this label with the value "off" are not followed. */
  optOutLabel?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The Docker engine as a log source: lists containers with their state, follows the logs of every
 * running one, and follows the engine's events so that containers that start, stop or die update
 * at once — a restarted container is followed again from its cursor. When the engine cannot be
 * reached, it says so (state `unreachable`, with the next attempt's time) and retries with backoff.
 */
export class DockerSource {
  state: EngineState;
  private readonly docker: Docker;
  private readonly followers = new Map<string, ContainerFollower>();
  private events: NodeJS.ReadableStream | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;
  private generation = 0;

  constructor(private readonly options: DockerSourceOptions) {
    this.docker = new Docker(options.target.options);
    this.state = { kind: 'connecting', host: options.target.label, attempt: 0 };
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.teardown();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Try now instead of waiting for the next attempt (the UI's "Retry now"). */
  retryNow(): void {
    if (this.state.kind !== 'unreachable' || this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const host = this.options.target.label;
    this.state = { kind: 'connecting', host, attempt: this.attempt };
    try {
      await withTimeout(this.docker.ping(), PING_TIMEOUT_MS, 'ping');
      const version = await withTimeout(this.docker.version(), PING_TIMEOUT_MS, 'version');
      // Events first, then the list: a container that starts in between is in one or the other.
      const events = await this.docker.getEvents({ filters: { type: ['container'] } });
      if (this.stopped || generation !== this.generation) {
        (events as unknown as { destroy(): void }).destroy();
        return;
      }
      this.events = events;
      const splitter = new LineSplitter(() => this.scheduleRefresh());
      events.on('data', (chunk: Buffer) => splitter.write(chunk));
      const lost = (error?: unknown) => {
        if (generation === this.generation)
          this.lost(error ?? new Error('the engine closed its event stream'));
      };
      events.once('end', () => lost());
      events.once('close', () => lost());
      events.once('error', (error) => lost(error));
      await this.refresh();
      this.attempt = 0;
      this.state = {
        kind: 'connected',
        host,
        version: version.Version,
        apiVersion: version.ApiVersion,
        since: Date.now(),
      };
      this.periodic = setInterval(() => this.scheduleRefresh(), REFRESH_EVERY_MS);
      this.periodic.unref();
      console.log(`[logs] following the Docker engine ${version.Version} at ${host}`);
    } catch (error) {
      if (generation === this.generation) this.lost(error);
    }
  }

  private lost(error: unknown): void {
    if (this.stopped) return;
    this.generation++;
    this.teardown();
    this.options.registry.engineLost();
    this.attempt++;
    const delay = engineRetryDelay(this.attempt);
    const reason = describeEngineError(error);
    const since = this.state.kind === 'unreachable' ? this.state.since : Date.now();
    this.state = {
      kind: 'unreachable',
      host: this.options.target.label,
      error: reason,
      retryAt: Date.now() + delay,
      attempt: this.attempt,
      since,
    };
    if (this.attempt === 1 || this.attempt % 10 === 0) {
      console.warn(
        `[logs] Docker engine at ${this.options.target.label} unreachable (${reason}); retrying in ${Math.round(delay / 1000)} s`,
      );
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private teardown(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.periodic) clearInterval(this.periodic);
    this.refreshTimer = null;
    this.periodic = null;
    (this.events as unknown as { destroy?: () => void } | null)?.destroy?.();
    this.events = null;
    for (const follower of this.followers.values()) {
      this.remember(follower);
      follower.stop();
    }
    this.followers.clear();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer || this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refresh().catch((error: unknown) => console.error('[logs] listing containers failed:', error));
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Reads the container list: states for the UI, and a follower for each running container. */
  private async refresh(): Promise<void> {
    const generation = this.generation;
    const list = await this.docker.listContainers({ all: true });
    if (generation !== this.generation || this.stopped) return;
    const { registry, optOutLabel = 'signalboard.logs' } = this.options;
    const present = new Set<string>();
    for (const info of list) {
      const name = (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, '');
      present.add(name);
      const state = CONTAINER_STATES.has(info.State as ContainerState)
        ? (info.State as ContainerState)
        : 'unknown';
      const followed = this.followers.get(info.Id);
      registry.docker(name, {
        state,
        status: info.Status,
        image: info.Image,
        dockerId: info.Id.slice(0, 12),
        following: followed !== undefined,
      });
      if (state === 'running' && !followed && info.Labels?.[optOutLabel] !== 'off')
        this.follow(info.Id, name);
    }
    for (const view of registry.list()) {
      if (
        view.source === 'docker' &&
        !present.has(view.name) &&
        view.state !== 'removed' &&
        view.state !== 'unknown'
      ) {
        registry.docker(view.name, { state: 'removed', status: 'Removed', following: false });
      }
    }
  }

  private follow(containerId: string, name: string): void {
    const follower = new ContainerFollower(
      this.docker,
      containerId,
      name,
      this.options.cursors.get(name) ?? null,
      this.options.sink,
      this.options.backfillLines,
    );
    this.followers.set(containerId, follower);
    this.options.registry.docker(name, { following: true });
    follower
      .run()
      .catch((error: unknown) => {
        // 404/409: the container went (removed, or dying) between the list and the follow: not news.
        const status = (error as { statusCode?: number }).statusCode;
        if (!this.stopped && status !== 404 && status !== 409) {
          console.warn(`[logs] following ${name} ended: ${describeEngineError(error)}`);
        }
      })
      .finally(() => {
        this.remember(follower);
        if (this.followers.get(containerId) !== follower) return;
        this.followers.delete(containerId);
        this.options.registry.docker(name, { following: false });
        // It stopped or died: the list says which; a restart brings it back through the events.
        this.scheduleRefresh();
      });
  }

  /** Keeps a follower's cursor for the next time its container runs. */
  private remember(follower: ContainerFollower): void {
    if (follower.cursor.ns !== null) this.options.cursors.set(follower.name, follower.cursor.ns);
  }
}
