import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CHAT_CLOSE,
  MAX_FRAME_BYTES,
  MAX_TEXT,
  parseClientFrame,
  type ChatMessage,
  type ServerFrame,
} from '../lib/events/chat-frames';
import type { Principal } from '../lib/server/auth/request-auth';
import { userForSession } from '../lib/server/auth/sessions';
import type { EventBus } from '../lib/server/bus';
import { postMessage } from '../lib/server/chat/post';
import type { ChannelRow, ChatStore, MessageDraft } from '../lib/server/chat/store';
import { TokenBuckets } from '../lib/server/chat/token-bucket';
import { transportMetrics } from '../lib/server/metrics';
import { serverFrameHeaderBytes, wsHeaderBytes } from '../lib/server/transport-stats/framing';
import { transportLedger } from '../lib/server/transport-stats/ledger';
import type { Db } from '../lib/server/store';
import { ChatClient, type ClientHost } from './chat-client';
import type { ChatRelay, RemoteChatOp } from './chat-cluster';
import { encodeTextFrame } from './chat-frame';
import { handleFrame, type ChatContext } from './chat-handlers';
import { ChatPresence } from './chat-presence';
import { checkUpgrade, refuseUpgrade } from './chat-upgrade';

/** Tunables of the chat socket; the defaults are what production runs. */
export interface ChatHubOptions {
  /** Liveness sweep: a socket that has not answered the previous ping by the next one is closed. */
  pingIntervalMs: number;
  /** Bytes a socket may have waiting to be sent before it is closed with 1013. */
  maxBufferedBytes: number;
  /** Most messages replayed on a reconnect; past it the client is told to reload (`reset`). */
  replayMax: number;
  /** Per-user rate limit: a burst of this many messages, refilled at `perSecond`. */
  burst: number;
  perSecond: number;
  /** Invalid frames tolerated within the window before the socket is closed with 1008. */
  strikeLimit: number;
  strikeWindowMs: number;
  /** Presence changes are sent in batches, so a hundred tabs reconnecting make one frame. */
  presenceFlushMs: number;
}

/** When the first ping goes out after a socket opens (the sweep sends the others). */
const FIRST_PING_MS = 2_000;

export const DEFAULT_CHAT_OPTIONS: ChatHubOptions = {
  pingIntervalMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
  replayMax: 1_000,
  burst: 20,
  perSecond: 2,
  strikeLimit: 5,
  strikeWindowMs: 60_000,
  presenceFlushMs: 200,
};

/**
 * The chat socket's server side: accepts authenticated upgrades, keeps the open sockets by user,
 * delivers each message to everyone who may read its channel (encoded once per message), and runs
 * the liveness sweep. Frame handling is in chat-handlers.ts, presence in chat-presence.ts.
 */
export class ChatHub implements ClientHost, ChatContext {
  readonly limits: ChatHubOptions;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<ChatClient>();
  private readonly byUser = new Map<number, Set<ChatClient>>();
  /** The session each socket was opened with: checked on every sweep (sign-out, disabled user). */
  private readonly sessions = new WeakMap<ChatClient, string>();
  private readonly buckets: TokenBuckets;
  private readonly presence: ChatPresence;
  private readonly metrics = transportMetrics('ws');
  private readonly ledger = transportLedger('ws');
  private sweepTimer: NodeJS.Timeout | null = null;
  private closing = false;
  /** When the frame being handled arrived (performance.now()); null outside a frame's handling. */
  private frameAt: number | null = null;
  /** The other instances (chat-cluster.ts), when there are any. */
  private relay: ChatRelay | null = null;

  constructor(
    private readonly db: Db,
    readonly store: ChatStore,
    private readonly bus: EventBus,
    options: Partial<ChatHubOptions> = {},
  ) {
    this.limits = { ...DEFAULT_CHAT_OPTIONS, ...options };
    this.buckets = new TokenBuckets(this.limits.burst, this.limits.perSecond);
    // No compression: chat lines are short, and deflate costs memory per socket (ws README, "Concurrency limit").
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.presence = new ChatPresence(
      this.limits.presenceFlushMs,
      (frame) => this.toAll(frame),
      () => this.relay?.presenceChanged(),
    );
  }

  get size(): number {
    return this.clients.size;
  }

  /** Sends what this hub delivers to the other instances too (null: this instance alone). */
  setRelay(relay: ChatRelay | null): void {
    this.relay = relay;
  }

  get presenceState(): ChatPresence {
    return this.presence;
  }

  /** Delivers, to this instance's sockets only, what another instance delivered to its own. */
  applyRemote(op: RemoteChatOp): void {
    if (this.closing) return;
    if (op.kind === 'user') return this.sendToUser(op.userId, op.frame);
    const channel = this.store.channel(op.channel);
    if (!channel) return;
    if (op.kind === 'channel') this.sendToChannel(channel, op.frame, op.exceptUserId);
    else this.announceChannel(channel);
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.limits.pingIntervalMs);
    this.sweepTimer.unref();
  }

  /** The `/ws/chat` upgrade handler: refuses with an HTTP status, or opens the socket. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down; reconnect shortly.');
    const check = checkUpgrade(req);
    if (!check.ok) return refuseUpgrade(socket, check.status, check.error);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client = this.accept(ws, socket, check.principal, check.after);
      this.sessions.set(client, check.session);
    });
  };

  private accept(ws: WebSocket, socket: Duplex, principal: Principal, after: number | null): ChatClient {
    const client = new ChatClient(ws, socket, principal.user, this);
    this.clients.add(client);
    let mine = this.byUser.get(client.user.id);
    if (!mine) this.byUser.set(client.user.id, (mine = new Set()));
    mine.add(client);
    this.metrics.connections.inc();
    ws.on('message', (data, isBinary) => this.onFrame(client, data, isBinary));
    ws.on('pong', () => this.pong(client));
    // ws reports protocol errors (e.g. a frame past maxPayload) here, then closes with their code.
    ws.on('error', () => this.forget(client));
    ws.on('close', () => this.forget(client));
    this.presence.update(client.user.username, this.statusOf(client.user.id));

    const lastId = this.store.lastId();
    client.send({
      type: 'welcome',
      user: { username: client.user.username, role: client.user.role },
      channels: this.store.channelInfos(client.user),
      users: this.store.usernames(),
      presence: this.presence.snapshot(),
      lastId,
      resumedFrom: after,
      serverTime: Date.now(),
      limits: { maxText: MAX_TEXT, burst: this.limits.burst, perSecond: this.limits.perSecond },
    });
    this.replay(client, after, lastId);
    // A first round trip soon rather than at the next sweep (browsers answer pings by themselves); not
    // at once, when the page is still loading and the figure would time that instead of the path.
    setTimeout(() => {
      if (!client.closed && client.pingSentAt === null) this.ping(client);
    }, FIRST_PING_MS).unref();
    return client;
  }

  /**
   * Sends what the client missed since `after`, then `synced`. Synchronous from the read to the last
   * write, so no message can be posted in between: nothing missed, nothing twice.
   */
  private replay(client: ChatClient, after: number | null, lastId: number): void {
    if (after === null) {
      client.send({ type: 'synced', lastId, replayed: 0, reset: false });
      return;
    }
    const missed =
      after > lastId ? null : this.store.messagesAfter(client.user, after, this.limits.replayMax + 1);
    if (!missed || missed.length > this.limits.replayMax) {
      // Too far behind, or a resume point from another database: the client reloads its history.
      client.send({ type: 'synced', lastId, replayed: 0, reset: true });
      return;
    }
    for (const message of missed) client.send({ type: 'message', message });
    client.send({ type: 'synced', lastId, replayed: missed.length, reset: false });
  }

  private onFrame(client: ChatClient, data: RawData, isBinary: boolean): void {
    const receivedAt = performance.now();
    this.metrics.in.inc();
    const size = (data as Buffer).length;
    this.ledger.frames(1, size + wsHeaderBytes(size, true), wsHeaderBytes(size, true));
    if (client.closed) return;
    if (isBinary) return client.refuse('invalid-frame', 'Binary frames are not accepted; send JSON text.');
    const parsed = parseClientFrame((data as Buffer).toString('utf8'));
    if (!parsed.ok) return client.refuse(parsed.code, parsed.reason);
    this.frameAt = receivedAt;
    try {
      handleFrame(this, client, parsed.frame);
    } catch (error) {
      console.error(`[chat] ${parsed.frame.type} from ${client.user.username} failed:`, error);
      const clientId = parsed.frame.type === 'send' ? parsed.frame.clientId : undefined;
      client.send({
        type: 'error',
        code: 'internal',
        reason: 'The server could not handle that frame.',
        clientId,
      });
    } finally {
      this.frameAt = null;
    }
  }

  // ChatContext ------------------------------------------------------------------------------------

  post(draft: MessageDraft): ChatMessage {
    const message = postMessage(this.db, this.store, this.bus, draft);
    this.toChannel(draft.channel, { type: 'message', message });
    // A socket's frame posted this: received → written to every member's socket (SQLite on the way).
    if (this.frameAt !== null) this.ledger.delivery.record(performance.now() - this.frameAt, Date.now());
    return message;
  }

  toChannel(channel: ChannelRow, frame: ServerFrame, exceptUserId?: number): void {
    this.sendToChannel(channel, frame, exceptUserId);
    this.relay?.send({ kind: 'channel', channel: channel.key, frame, exceptUserId });
  }

  private sendToChannel(channel: ChannelRow, frame: ServerFrame, exceptUserId?: number): void {
    const data = encodeTextFrame(Buffer.from(JSON.stringify(frame)));
    let sent = 0;
    if (channel.kind === 'channel') {
      for (const client of this.clients) if (client.user.id !== exceptUserId && client.write(data)) sent++;
    } else {
      for (const userId of this.store.members(channel)) {
        if (userId === exceptUserId) continue;
        for (const client of this.byUser.get(userId) ?? []) if (client.write(data)) sent++;
      }
    }
    this.countOut(sent, data);
  }

  toUser(userId: number, frame: ServerFrame, except?: ChatClient): void {
    this.sendToUser(userId, frame, except);
    this.relay?.send({ kind: 'user', userId, frame });
  }

  private sendToUser(userId: number, frame: ServerFrame, except?: ChatClient): void {
    const sockets = this.byUser.get(userId);
    if (!sockets) return;
    const data = encodeTextFrame(Buffer.from(JSON.stringify(frame)));
    let sent = 0;
    for (const client of sockets) if (client !== except && client.write(data)) sent++;
    this.countOut(sent, data);
  }

  rateLimit(client: ChatClient): number {
    return this.buckets.take(String(client.user.id));
  }

  presenceChanged(client: ChatClient): void {
    this.presence.update(client.user.username, this.statusOf(client.user.id));
  }

  channelCreated(channel: ChannelRow): void {
    this.announceChannel(channel);
    this.relay?.send({ kind: 'channel-created', channel: channel.key });
  }

  private announceChannel(channel: ChannelRow): void {
    for (const client of this.clients) {
      const info = this.store.channelInfo(client.user, channel.key);
      if (info) client.send({ type: 'channel', channel: info });
    }
  }

  // ClientHost -------------------------------------------------------------------------------------

  countOut(n: number, frame: Buffer): void {
    if (n === 0) return;
    this.metrics.out.inc(n);
    this.ledger.frames(n, n * frame.length, n * serverFrameHeaderBytes(frame));
  }

  slowConsumer(client: ChatClient): void {
    this.metrics.slowConsumers.inc();
    client.close(CHAT_CLOSE.tryAgainLater, 'Send buffer full: reconnect and resume');
  }

  /** Drops a socket from every registry (once), and updates its user's presence. */
  forget(client: ChatClient): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    const mine = this.byUser.get(client.user.id);
    mine?.delete(client);
    if (mine?.size === 0) this.byUser.delete(client.user.id);
    this.metrics.connections.dec();
    if (!this.closing) this.presence.update(client.user.username, this.statusOf(client.user.id));
  }

  // ------------------------------------------------------------------------------------------------

  private toAll(frame: ServerFrame): void {
    const data = encodeTextFrame(Buffer.from(JSON.stringify(frame)));
    let sent = 0;
    for (const client of this.clients) if (client.write(data)) sent++;
    this.countOut(sent, data);
  }

  /** A user is online if any of their sockets is, away if all are, offline without one. */
  private statusOf(userId: number): 'online' | 'away' | 'offline' {
    const sockets = this.byUser.get(userId);
    if (!sockets || sockets.size === 0) return 'offline';
    for (const client of sockets) if (client.status === 'online') return 'online';
    return 'away';
  }

  private sweep(): void {
    for (const client of [...this.clients]) {
      if (!client.alive) {
        this.forget(client);
        client.ws.terminate();
        continue;
      }
      const session = this.sessions.get(client);
      if (session !== undefined && !userForSession(this.db, session)) {
        // Signed out, expired or disabled since the socket opened: nobody stays in on an old socket.
        client.close(CHAT_CLOSE.policy, 'Your session ended: sign in again.');
        continue;
      }
      client.alive = false;
      this.ping(client);
    }
  }

  private ping(client: ChatClient): void {
    client.pingSentAt = performance.now();
    client.ws.ping();
  }

  private pong(client: ChatClient): void {
    client.alive = true;
    if (client.pingSentAt === null) return;
    this.ledger.roundTrip.record(performance.now() - client.pingSentAt, Date.now());
    client.pingSentAt = null;
  }

  /** Closes every socket with 1001 so that clients reconnect at once, and stops the sweep. */
  async close(graceMs = 1_500): Promise<void> {
    this.closing = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.presence.stop();
    const sockets = [...this.clients].map((client) => client.ws);
    const closed = sockets.map(
      (ws) =>
        new Promise<void>((resolve) =>
          ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()),
        ),
    );
    for (const client of [...this.clients]) client.close(CHAT_CLOSE.goingAway, 'Server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closed),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    for (const ws of sockets) ws.terminate();
    this.wss.close();
  }
}
