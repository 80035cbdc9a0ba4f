import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { authenticate, nodeHeaders, type HeaderSource } from '../../lib/server/auth/request-auth';
import { RateLimiter } from '../../lib/server/auth/rate-limit';
import type { MetricsHub } from '../../lib/server/live-metrics/hub';
import type { MetricsSubscriber } from '../../lib/server/live-metrics/subscriber';
import { transportMetrics } from '../../lib/server/metrics';
import { wsHeaderBytes } from '../../lib/server/transport-stats/framing';
import { transportLedger } from '../../lib/server/transport-stats/ledger';

/** When the first ping goes out after a socket opens (the sweep sends the others). */
const FIRST_PING_MS = 2_000;

/** Close codes of the fallback socket (RFC 6455 §7.4.1). */
export const METRICS_WS_CLOSE = { goingAway: 1001, policy: 1008, tooBig: 1009, tryAgainLater: 1013 } as const;

export interface MetricsSocketOptions {
  /** Above this many bytes waiting in a socket, samples are dropped (the client sees the gap). */
  dropAboveBytes: number;
  /** Above this many, even control frames cannot get through: the socket is closed with 1013. */
  closeAboveBytes: number;
  /** Client frames are a few bytes; anything larger is refused by `ws` with 1009. */
  maxPayload: number;
  pingIntervalMs: number;
  /** Sessions one address may open per window (a reconnect loop or a flood is cut short). */
  sessionsPerWindow: number;
  windowMs: number;
}

export const DEFAULT_METRICS_SOCKET_OPTIONS: MetricsSocketOptions = {
  dropAboveBytes: 16 * 1024,
  closeAboveBytes: 1024 * 1024,
  maxPayload: 1024,
  pingIntervalMs: 30_000,
  sessionsPerWindow: 30,
  windowMs: 60_000,
};

/** True when the page that opened the socket is this site (RFC 6455 §10.2: browsers always send Origin). */
function sameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get('origin');
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, error: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ ok: false, error });
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n${extra.join('')}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket fallback of the live metrics panel at `/ws/metrics`: the same binary frames as the
 * WebTransport session, one per message. A socket that cannot keep up loses samples, never memory.
 */
export class MetricsSocketServer {
  readonly options: MetricsSocketOptions;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Map<
    WebSocket,
    { subscriber: MetricsSubscriber; alive: boolean; pingSentAt: number | null }
  >();
  private readonly limiter: RateLimiter;
  private readonly metrics = transportMetrics('ws');
  private readonly ledger = transportLedger('ws');
  private sweepTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly hub: MetricsHub,
    options: Partial<MetricsSocketOptions> = {},
  ) {
    this.options = { ...DEFAULT_METRICS_SOCKET_OPTIONS, ...options };
    this.limiter = new RateLimiter(this.options.sessionsPerWindow, this.options.windowMs);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.sweepTimer = setInterval(() => this.sweep(), this.options.pingIntervalMs);
    this.sweepTimer.unref();
  }

  get size(): number {
    return this.sockets.size;
  }

  /** The `/ws/metrics` upgrade handler: this site's pages with a session only. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (this.closing) return refuse(socket, 503, 'Server shutting down; reconnect shortly.');
    const headers = nodeHeaders(req.headers);
    if (!sameOrigin(headers))
      return refuse(socket, 403, 'Cross-origin WebSocket refused: Origin must match.');
    const principal = authenticate(headers);
    if (!principal) return refuse(socket, 401, 'Sign in first: live metrics need a session cookie.');
    if (principal.via !== 'session') return refuse(socket, 403, 'Live metrics are for signed-in users.');
    const wait = this.limiter.hit(req.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      return refuse(socket, 429, 'Too many live metrics sessions from this address.', {
        'Retry-After': seconds,
      });
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  };

  private accept(ws: WebSocket): void {
    const { dropAboveBytes, closeAboveBytes } = this.options;
    const { out } = this.metrics;
    const ledger = this.ledger;
    const send = (frame: Uint8Array) => {
      ws.send(frame, { binary: true });
      out.inc();
      const header = wsHeaderBytes(frame.length, false);
      ledger.frames(1, frame.length + header, header);
    };
    const subscriber = this.hub.add({
      sendLossy: (frame) => {
        if (ws.readyState !== ws.OPEN) return false;
        if (ws.bufferedAmount > dropAboveBytes) {
          ledger.shed++;
          return false;
        }
        send(frame);
        return true;
      },
      sendReliable: (frame) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > closeAboveBytes) {
          this.metrics.slowConsumers.inc();
          ws.close(METRICS_WS_CLOSE.tryAgainLater, 'Too far behind');
          return;
        }
        send(frame);
      },
      closeForPolicy: (reason) => ws.close(METRICS_WS_CLOSE.policy, reason),
    });
    const entry = { subscriber, alive: true, pingSentAt: null as number | null };
    this.sockets.set(ws, entry);
    this.metrics.connections.inc();
    ws.on('message', (data: RawData, isBinary) => {
      this.metrics.in.inc();
      const bytes = toBytes(data);
      const header = wsHeaderBytes(bytes.length, true);
      ledger.frames(1, bytes.length + header, header);
      if (!isBinary)
        return subscriber.refuse('Text frames are not part of this protocol; send binary frames.');
      subscriber.receive(bytes);
    });
    ws.on('pong', () => {
      entry.alive = true;
      if (entry.pingSentAt === null) return;
      ledger.roundTrip.record(performance.now() - entry.pingSentAt, Date.now());
      entry.pingSentAt = null;
    });
    // A first round trip soon rather than at the next sweep (browsers answer pings by themselves); not
    // at once, while the page is still loading.
    setTimeout(() => {
      if (ws.readyState !== ws.OPEN || entry.pingSentAt !== null) return;
      entry.pingSentAt = performance.now();
      ws.ping();
    }, FIRST_PING_MS).unref();
    ws.on('error', () => this.forget(ws));
    ws.on('close', () => this.forget(ws));
  }

  private forget(ws: WebSocket): void {
    const entry = this.sockets.get(ws);
    if (!entry) return;
    this.sockets.delete(ws);
    this.hub.remove(entry.subscriber);
    this.metrics.connections.dec();
  }

  /** Liveness (ws README, "How to detect and close broken connections"). */
  private sweep(): void {
    for (const [ws, entry] of this.sockets) {
      if (!entry.alive) {
        ws.terminate();
        this.forget(ws);
        continue;
      }
      entry.alive = false;
      entry.pingSentAt = performance.now();
      ws.ping();
    }
  }

  /** Closes every socket with 1001 (going away): the clients reconnect to the next instance. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    const closed = [...this.sockets.keys()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(METRICS_WS_CLOSE.goingAway, 'Server shutting down');
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 1_000).unref();
        }),
    );
    await Promise.all(closed);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
