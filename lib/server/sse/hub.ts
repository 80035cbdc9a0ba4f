import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CONTROL_EVENTS,
  STREAMS,
  encodeSse,
  encodeSseComment,
  type AnyEnvelope,
  type StreamName,
} from '../../events';
import type { EventBus } from '../bus';
import { transportMetrics } from '../metrics';
import { serverVersion } from '../version';

/** Extra per-stream filtering that a stream's owner can offer (e.g. logs by container and level). */
export type StreamFilter = (event: AnyEnvelope) => boolean;
export type SnapshotProvider = () => unknown;

export interface SseHubOptions {
  /** Bytes a connection may have waiting in its send buffer before it is cut off. */
  maxBufferBytes?: number;
  /** Live events held for a connection while its replay is still being sent. */
  maxQueuedWhileReplaying?: number;
  pingIntervalMs?: number;
  /** The reconnect delay suggested to EventSource clients. */
  retryMs?: number;
  replayPageSize?: number;
}

export interface AttachOptions {
  streams: readonly StreamName[];
  lastEventId: number | null;
  filters?: Partial<Record<StreamName, StreamFilter>>;
}

interface Connection {
  res: ServerResponse;
  /** One bit per stream, see STREAM_BIT. */
  mask: number;
  filters: Partial<Record<StreamName, StreamFilter>> | undefined;
  /** Live events that arrived while the replay was being written; null once live. */
  queue: { id: number | null; frame: Buffer }[] | null;
  closed: boolean;
}

const STREAM_BIT = Object.fromEntries(STREAMS.map((s, i) => [s, 1 << i])) as Record<StreamName, number>;
const PING = Buffer.from(encodeSseComment('ping'));

/** The SSE frame of an event: `id:` for durable ones, the type as `event:`, its data plus `ts` as JSON. */
export function encodeEventFrame(event: AnyEnvelope): Buffer {
  return Buffer.from(
    encodeSse({
      id: event.id ?? undefined,
      event: event.type,
      data: JSON.stringify({ ...event.data, ts: event.ts }),
    }),
  );
}

/**
 * The one SSE helper every stream uses. It subscribes to the bus once, encodes each event once and
 * writes the same Buffer to every interested connection. A connection whose send buffer passes its
 * bound is closed: the browser reconnects with its Last-Event-ID and the replay fills the gap, so a
 * slow consumer costs a reconnect instead of unbounded memory.
 */
export class SseHub {
  private readonly connections = new Set<Connection>();
  private readonly snapshots = new Map<StreamName, SnapshotProvider>();
  private readonly options: Required<SseHubOptions>;
  private readonly metrics = transportMetrics('sse');
  private readonly unsubscribe: () => void;
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    options: SseHubOptions = {},
  ) {
    this.options = {
      maxBufferBytes: options.maxBufferBytes ?? 1024 * 1024,
      maxQueuedWhileReplaying: options.maxQueuedWhileReplaying ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 15_000,
      retryMs: options.retryMs ?? 3_000,
      replayPageSize: options.replayPageSize ?? 500,
    };
    this.unsubscribe = bus.subscribe((event) => this.broadcast(event));
    this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Lets a stream's owner put its current state into every `hello`. */
  setSnapshot(stream: StreamName, provider: SnapshotProvider): void {
    this.snapshots.set(stream, provider);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Turns an HTTP response into an event stream: headers, hello, replay, then live events. */
  attach(req: IncomingMessage, res: ServerResponse, { streams, lastEventId, filters }: AttachOptions): void {
    const connection: Connection = {
      res,
      mask: streams.reduce((m, s) => m | STREAM_BIT[s], 0),
      filters,
      queue: lastEventId === null ? null : [],
      closed: false,
    };
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true, 30_000);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.write(`retry: ${this.options.retryMs}\n\n`);
    res.write(this.hello(streams, lastEventId));

    this.connections.add(connection);
    this.metrics.connections.inc();
    res.on('close', () => this.remove(connection));

    if (lastEventId !== null) void this.replay(connection, streams, lastEventId);
  }

  /** Ends every stream with a `shutdown` event so that clients reconnect to the next instance at once. */
  closeAll(): void {
    const frame = Buffer.from(encodeSse({ event: CONTROL_EVENTS.shutdown, data: '{}' }));
    for (const connection of this.connections) {
      connection.res.end(frame);
      this.remove(connection);
    }
  }

  stop(): void {
    this.closeAll();
    this.unsubscribe();
    clearInterval(this.pingTimer);
  }

  private hello(streams: readonly StreamName[], lastEventId: number | null): string {
    const snapshot: Record<string, unknown> = {};
    for (const stream of streams) {
      const provider = this.snapshots.get(stream);
      if (!provider) continue;
      try {
        snapshot[stream] = provider();
      } catch (error) {
        console.error(`[sse] snapshot of ${stream} failed:`, error);
      }
    }
    return encodeSse({
      event: CONTROL_EVENTS.hello,
      data: JSON.stringify({
        version: serverVersion(),
        serverTime: Date.now(),
        streams,
        lastId: this.bus.lastId(),
        resumedFrom: lastEventId,
        snapshot,
      }),
    });
  }

  private accepts(connection: Connection, event: AnyEnvelope): boolean {
    if ((connection.mask & STREAM_BIT[event.stream]) === 0) return false;
    const filter = connection.filters?.[event.stream];
    return filter ? filter(event) : true;
  }

  private broadcast(event: AnyEnvelope): void {
    let frame: Buffer | undefined;
    let delivered = 0;
    for (const connection of this.connections) {
      if (!this.accepts(connection, event)) continue;
      frame ??= encodeEventFrame(event);
      if (connection.queue) {
        connection.queue.push({ id: event.id, frame });
        if (connection.queue.length > this.options.maxQueuedWhileReplaying) this.cut(connection);
        continue;
      }
      connection.res.write(frame);
      delivered++;
      if (connection.res.writableLength > this.options.maxBufferBytes) this.cut(connection);
    }
    if (delivered > 0) this.metrics.out.inc(delivered);
  }

  /**
   * Sends what the client missed, page by page, waiting for the socket to drain between pages. Live
   * events that arrive meanwhile are queued and sent after, minus those the replay already covered,
   * so the client sees every event exactly once and in id order.
   */
  private async replay(
    connection: Connection,
    streams: readonly StreamName[],
    afterId: number,
  ): Promise<void> {
    const { res } = connection;
    let cursor = afterId;
    const newest = this.bus.lastId();
    const oldest = this.bus.oldestId();
    if (afterId > newest || (oldest > 0 && afterId < oldest - 1)) {
      // The resume point is gone (pruned by retention, or from another database): the client must
      // reload its state from the hello snapshot and the REST API instead of trusting a partial replay.
      res.write(encodeSse({ event: CONTROL_EVENTS.reset, data: JSON.stringify({ lastId: newest }) }));
      cursor = newest;
    } else {
      for (;;) {
        const page = this.bus.replay(streams, cursor, this.options.replayPageSize);
        let sent = 0;
        for (const event of page) {
          cursor = event.id ?? cursor;
          if (!this.accepts(connection, event)) continue;
          res.write(encodeEventFrame(event));
          sent++;
        }
        if (sent > 0) this.metrics.out.inc(sent);
        if (connection.closed || page.length < this.options.replayPageSize) break;
        if (res.writableLength > this.options.maxBufferBytes / 2) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              resolve();
            };
            res.on('drain', done);
            res.on('close', done);
          });
          if (connection.closed) return;
        }
      }
    }
    const queued = connection.queue ?? [];
    connection.queue = null;
    if (connection.closed) return;
    for (const item of queued) {
      if (item.id !== null && item.id <= cursor) continue;
      res.write(item.frame);
    }
  }

  private ping(): void {
    for (const connection of this.connections) {
      connection.res.write(PING);
      if (connection.res.writableLength > this.options.maxBufferBytes) this.cut(connection);
    }
  }

  private cut(connection: Connection): void {
    this.metrics.slowConsumers.inc();
    connection.res.destroy();
    this.remove(connection);
  }

  private remove(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.queue = null;
    this.connections.delete(connection);
    this.metrics.connections.dec();
  }
}
