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
import type { EventBus, ReplayGap } from '../bus';
import { transportMetrics } from '../metrics';
import { chunkOverheadBytes } from '../transport-stats/framing';
import { transportLedger } from '../transport-stats/ledger';
import { serverVersion } from '../version';
import { DropLedger, TokenBucket, countDropped, type DropReason, type StreamLimit } from './delivery-budget';

export { DROPPED_EVENT, type DropReason, type StreamLimit } from './delivery-budget';

/**
 * Extra per-stream filtering that a stream's owner can offer (e.g. logs by container and level).
 * `replayHint` is handed to the stream's replay source, so that it can filter in its store.
 */
export type StreamFilter = ((event: AnyEnvelope) => boolean) & { replayHint?: unknown };
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
  /**
   * Streams whose events may be left out for a connection whose send buffer is past
   * `shedBufferBytes` (it is told with a `dropped` event), instead of cutting the connection:
   * high-rate streams whose history the client can fetch from an API (logs).
   */
  sheddable?: readonly StreamName[];
  shedBufferBytes?: number;
  /** Per-stream delivery rates applied to connections that do not choose their own. */
  defaultLimits?: Partial<Record<StreamName, StreamLimit>>;
}

export interface AttachOptions {
  streams: readonly StreamName[];
  lastEventId: number | null;
  filters?: Partial<Record<StreamName, StreamFilter>>;
  /** Per-stream delivery rates for this connection; null lifts the hub's default for that stream. */
  limits?: Partial<Record<StreamName, StreamLimit | null>>;
}

interface Connection {
  res: ServerResponse;
  /** One bit per stream, see STREAM_BIT. */
  mask: number;
  filters: Partial<Record<StreamName, StreamFilter>> | undefined;
  buckets: Map<StreamName, TokenBucket> | null;
  /** Events left out and not yet told (created on the first). */
  drops: DropLedger | null;
  /** Live events that arrived while the replay was being written; null once live. */
  queue: { id: number | null; frame: EventFrame }[] | null;
  /**
   * The newest id its replay sent: a live durable event at or below it is not sent again. With
   * several instances the store can be ahead of this process's live events (see scale/sequencer.ts).
   */
  floor: number;
  closed: boolean;
  /** HTTP/1.1 without a length: each write goes out as one chunk (RFC 9112 §7.1), counted as framing. */
  chunked: boolean;
}

/** An encoded event and how many of its bytes are SSE syntax rather than the event's JSON. */
interface EventFrame {
  bytes: Buffer;
  framing: number;
}

const STREAM_BIT = Object.fromEntries(STREAMS.map((s, i) => [s, 1 << i])) as Record<StreamName, number>;
const PING = Buffer.from(encodeSseComment('ping'));

/** The SSE frame of an event: `id:` for durable ones, the type as `event:`, its data plus `ts` as JSON. */
export function encodeEventFrame(event: AnyEnvelope): Buffer {
  return encodeEventParts(event).bytes;
}

function encodeEventParts(event: AnyEnvelope): EventFrame {
  const data = JSON.stringify({ ...event.data, ts: event.ts });
  const bytes = Buffer.from(encodeSse({ id: event.id ?? undefined, event: event.type, data }));
  return { bytes, framing: bytes.length - Buffer.byteLength(data) };
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
  private readonly ledger = transportLedger('sse');
  private readonly unsubscribe: () => void;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly noticeTimer: NodeJS.Timeout;
  private readonly sheddable: ReadonlySet<StreamName>;

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
      sheddable: options.sheddable ?? ['logs'],
      shedBufferBytes: options.shedBufferBytes ?? Math.floor((options.maxBufferBytes ?? 1024 * 1024) / 4),
      // A browser renders a few thousand lines a second at best; a tab that did not ask for more
      // (the dashboard's shared connection) gets a sample and a `dropped` notice in a flood.
      defaultLimits: options.defaultLimits ?? { logs: { perSecond: 1_000, burst: 2_000 } },
    };
    this.sheddable = new Set(this.options.sheddable);
    this.unsubscribe = bus.subscribeBatch((events) => this.broadcast(events));
    this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.pingTimer.unref();
    this.noticeTimer = setInterval(() => this.flushNotices(), 1_000);
    this.noticeTimer.unref();
  }

  /** Lets a stream's owner put its current state into every `hello`. */
  setSnapshot(stream: StreamName, provider: SnapshotProvider): void {
    this.snapshots.set(stream, provider);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Turns an HTTP response into an event stream: headers, hello, replay, then live events. */
  attach(
    req: IncomingMessage,
    res: ServerResponse,
    { streams, lastEventId, filters, limits }: AttachOptions,
  ): void {
    const connection: Connection = {
      res,
      mask: streams.reduce((m, s) => m | STREAM_BIT[s], 0),
      filters,
      buckets: this.buckets(streams, limits),
      drops: null,
      queue: lastEventId === null ? null : [],
      floor: 0,
      closed: false,
      chunked: req.httpVersion !== '1.0',
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
    clearInterval(this.noticeTimer);
  }

  private buckets(
    streams: readonly StreamName[],
    limits: AttachOptions['limits'],
  ): Map<StreamName, TokenBucket> | null {
    let buckets: Map<StreamName, TokenBucket> | null = null;
    for (const stream of streams) {
      const limit = limits && stream in limits ? limits[stream] : this.options.defaultLimits[stream];
      if (!limit || !(limit.perSecond > 0)) continue;
      (buckets ??= new Map()).set(stream, new TokenBucket(limit.perSecond, limit.burst, Date.now()));
    }
    return buckets;
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

  /**
   * Writes a group of events (one for a plain publish, many for a batch of log lines): each frame is
   * encoded once, and each connection gets the frames it accepts in one write.
   */
  private broadcast(events: readonly AnyEnvelope[]): void {
    const frames: (EventFrame | undefined)[] = new Array<EventFrame | undefined>(events.length);
    const frame = (i: number) => (frames[i] ??= encodeEventParts(events[i]!));
    let everything: EventFrame | undefined;
    let delivered = 0;
    const now = Date.now();
    for (const connection of this.connections) {
      const picked: number[] = [];
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (event.id !== null && event.id <= connection.floor) continue;
        if (!this.accepts(connection, event) || this.sheds(connection, event, now)) continue;
        picked.push(i);
      }
      if (picked.length === 0) continue;
      if (connection.queue) {
        for (const i of picked) connection.queue.push({ id: events[i]!.id, frame: frame(i) });
        if (connection.queue.length > this.options.maxQueuedWhileReplaying) this.cut(connection);
        continue;
      }
      let payload: EventFrame;
      if (picked.length === 1) payload = frame(picked[0]!);
      else if (picked.length === events.length)
        payload = everything ??= joinFrames(events.map((_, i) => frame(i)));
      else payload = joinFrames(picked.map(frame));
      const notice = connection.drops?.take();
      if (notice) connection.res.write(notice);
      this.write(connection, payload, picked.length);
      delivered += picked.length;
      if (connection.res.writableLength > this.options.maxBufferBytes) this.cut(connection);
    }
    if (delivered > 0) {
      this.metrics.out.inc(delivered);
      // Publish (the oldest event's `ts`) to the write to the last stream: the server's share of delivery.
      const end = Date.now();
      this.ledger.delivery.record(end - events[0]!.ts, end);
    }
  }

  /** Writes frames to one stream and counts their bytes on the wire (`count` events). */
  private write(connection: Connection, frame: EventFrame, count: number): void {
    connection.res.write(frame.bytes);
    const chunk = connection.chunked ? chunkOverheadBytes(frame.bytes.length) : 0;
    this.ledger.frames(count, frame.bytes.length + chunk, frame.framing + chunk);
  }

  /** True when this event is left out for this connection: too slow a reader, or over its rate. */
  private sheds(connection: Connection, event: AnyEnvelope, now: number): boolean {
    // While its replay is written, a connection's live events wait in its (bounded) queue instead.
    if (connection.queue) return false;
    let reason: DropReason | null = null;
    if (this.sheddable.has(event.stream) && connection.res.writableLength > this.options.shedBufferBytes) {
      reason = 'slow';
    } else if (connection.buckets?.get(event.stream)?.take(now) === false) {
      reason = 'rate';
    }
    if (!reason) return false;
    (connection.drops ??= new DropLedger()).record(event.stream, event.id, reason);
    countDropped(event.stream, reason);
    this.ledger.shed++;
    return true;
  }

  /** Tells connections about what they missed once their buffer has room (and nothing else did). */
  private flushNotices(): void {
    for (const connection of this.connections) {
      if (!connection.drops?.pending || connection.queue) continue;
      if (connection.res.writableLength > this.options.shedBufferBytes) continue;
      const notice = connection.drops.take();
      if (notice) connection.res.write(notice);
    }
  }

  private noteGaps(connection: Connection, gaps: readonly ReplayGap[]): void {
    if (gaps.length === 0) return;
    const ledger = (connection.drops ??= new DropLedger());
    for (const gap of gaps) {
      ledger.recordSpan(gap.stream, gap.fromId, gap.toId, 'gap');
      countDropped(gap.stream, 'gap', 0);
    }
    const notice = ledger.take();
    if (notice) connection.res.write(notice);
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
      const hints: Partial<Record<StreamName, unknown>> = {};
      for (const stream of streams) {
        const hint = connection.filters?.[stream]?.replayHint;
        if (hint !== undefined) hints[stream] = hint;
      }
      for (;;) {
        const { events: page, gaps } = this.bus.replayPage(
          streams,
          cursor,
          this.options.replayPageSize,
          hints,
        );
        this.noteGaps(connection, gaps);
        let sent = 0;
        for (const event of page) {
          cursor = event.id ?? cursor;
          if (!this.accepts(connection, event)) continue;
          this.write(connection, encodeEventParts(event), 1);
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
    connection.floor = cursor;
    if (connection.closed) return;
    for (const item of queued) {
      if (item.id !== null && item.id <= cursor) continue;
      this.write(connection, item.frame, 1);
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

function joinFrames(frames: readonly EventFrame[]): EventFrame {
  let framing = 0;
  for (const f of frames) framing += f.framing;
  return { bytes: Buffer.concat(frames.map((f) => f.bytes)), framing };
}
