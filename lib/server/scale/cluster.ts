import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { processWide } from '../process-wide';
import { openRedis, redactRedisUrl } from './redis';

/** The Redis pub/sub channels instances talk on (prefixed with `signalboard:`). */
export type ClusterChannel = 'bus' | 'chat' | 'monitors' | 'devices';
const CHANNELS: readonly ClusterChannel[] = ['bus', 'chat', 'monitors', 'devices'];
const PREFIX = 'signalboard:';
const INSTANCE_KEY = `${PREFIX}instance:`;
const HEARTBEAT_MS = 5_000;
const INSTANCE_TTL_MS = 15_000;
/** Frames bigger than this are refused on receipt (a log batch of 500 lines is well below). */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

type Handler = (body: unknown, from: string) => void;

export interface InstanceInfo {
  id: string;
  port: number;
  startedAt: number;
}

/**
 * This instance's link to the others through Redis: an id, a publish connection (fail-fast: what
 * cannot be sent now is caught up from the shared store by the receivers), a subscriber connection,
 * a command connection for leases and heartbeats, and the list of live instances (each refreshes a
 * key with a TTL). Frames are JSON `{ from, body }`; a receiver never sees its own frames.
 */
export class ClusterLink {
  readonly instanceId = randomUUID();
  readonly pub: Redis;
  readonly sub: Redis;
  readonly cmd: Redis;
  private readonly handlers = new Map<ClusterChannel, Set<Handler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private heartbeat: NodeJS.Timeout | null = null;
  private everReady = false;
  private subscribed = false;
  private closed = false;
  readonly startedAt = Date.now();

  constructor(
    readonly url: string,
    private readonly port: number,
  ) {
    this.pub = openRedis(url, 'publish', 'fail-fast');
    this.sub = openRedis(url, 'subscribe', 'brief');
    this.cmd = openRedis(url, 'commands', 'brief');
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    // Subscribes on every (re)connect: a SUBSCRIBE sent while Redis was away may have failed.
    this.sub.on('ready', () => {
      this.sub
        .subscribe(...CHANNELS.map((c) => PREFIX + c))
        .then(() => {
          // Whatever was published while the link was down is gone from pub/sub: listeners catch up.
          if (this.everReady) for (const handler of this.reconnectHandlers) handler();
          this.everReady = true;
          this.subscribed = true;
        })
        .catch(() => undefined);
    });
    this.sub.on('close', () => (this.subscribed = false));
  }

  get shownUrl(): string {
    return redactRedisUrl(this.url);
  }

  /** Subscribes and starts the heartbeat; waits at most `waitMs` for Redis (it may come later). */
  async start(waitMs = 3_000): Promise<void> {
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    const deadline = Date.now() + waitMs;
    while (!this.subscribed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!this.subscribed) console.error(`[cluster] Redis at ${this.shownUrl} is not reachable yet; retrying`);
    await this.beat();
  }

  /** Sends a frame to the other instances; false when Redis is not reachable right now. */
  publish(channel: ClusterChannel, body: unknown): boolean {
    if (this.closed || this.pub.status !== 'ready') return false;
    const frame = JSON.stringify({ from: this.instanceId, body });
    this.pub.publish(PREFIX + channel, frame).catch(() => undefined);
    return true;
  }

  on(channel: ClusterChannel, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Called after the subscriber connection came back (frames sent meanwhile were lost). */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /** For /api/ready: both directions connected. */
  health(): { ok: boolean; error?: string } {
    if (this.pub.status === 'ready' && this.subscribed && this.cmd.status === 'ready') return { ok: true };
    return { ok: false, error: `Redis at ${this.shownUrl} is not connected (${this.sub.status})` };
  }

  /** Instances whose heartbeat is fresh, this one included. */
  async liveInstances(): Promise<InstanceInfo[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.cmd.scan(cursor, 'MATCH', `${INSTANCE_KEY}*`, 'COUNT', 100);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0' && keys.length < 10_000);
    if (keys.length === 0) return [];
    const values = await this.cmd.mget(...keys);
    const out: InstanceInfo[] = [];
    for (const value of values) {
      const info = parseInstance(value);
      if (info) out.push(info);
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Within the shutdown budget even when Redis is away (the key then expires by its TTL).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.cmd.del(INSTANCE_KEY + this.instanceId).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 1_000))),
    ]);
    clearTimeout(timer);
    for (const redis of [this.pub, this.sub, this.cmd]) redis.disconnect();
  }

  private async beat(): Promise<void> {
    if (this.closed || this.cmd.status !== 'ready') return;
    const info: InstanceInfo = { id: this.instanceId, port: this.port, startedAt: this.startedAt };
    await this.cmd
      .set(INSTANCE_KEY + this.instanceId, JSON.stringify(info), 'PX', INSTANCE_TTL_MS)
      .catch(() => undefined);
  }

  private receive(channelBuffer: Buffer, message: Buffer): void {
    const channel = channelBuffer.toString().slice(PREFIX.length) as ClusterChannel;
    const handlers = this.handlers.get(channel);
    if (!handlers || handlers.size === 0 || message.length > MAX_FRAME_BYTES) return;
    let frame: unknown;
    try {
      frame = JSON.parse(message.toString('utf8'));
    } catch {
      console.error(`[cluster] ignored a frame on ${channel} that is not JSON`);
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { from, body } = frame as { from?: unknown; body?: unknown };
    if (typeof from !== 'string' || from === this.instanceId) return;
    for (const handler of handlers) {
      try {
        handler(body, from);
      } catch (error) {
        console.error(`[cluster] handling a frame on ${channel} from ${from.slice(0, 8)} failed:`, error);
      }
    }
  }
}

function parseInstance(value: string | null): InstanceInfo | null {
  if (!value) return null;
  try {
    const info = JSON.parse(value) as Partial<InstanceInfo>;
    if (typeof info.id !== 'string' || typeof info.port !== 'number' || typeof info.startedAt !== 'number')
      return null;
    return { id: info.id, port: info.port, startedAt: info.startedAt };
  } catch {
    return null;
  }
}

/** This process's link, or null when REDIS_URL is not set (a single instance). */
export function getCluster(): ClusterLink | null {
  return processWide<{ link: ClusterLink | null }>('cluster', () => ({ link: null })).link;
}

export function setCluster(link: ClusterLink | null): void {
  processWide<{ link: ClusterLink | null }>('cluster', () => ({ link: null })).link = link;
}
