/**
 * The page's chat socket (`/ws/chat`). The reconnect policy is the live stream's own state machine
 * (live-machine.ts: backoff with full jitter, at once after a server shutdown, slow retries once
 * down), so both transports behave and read the same. Unlike the event stream it stays open in
 * hidden tabs, so mentions still notify; the user shows as away instead.
 *
 * Delivery: every send gets a client id and waits in the outbox until the server confirms it; on a
 * reconnect the socket asks for everything after the newest id seen (`?after=`), and only once that
 * replay is done (`synced`) is the outbox sent again. The server stores a client id once, so a message
 * whose confirmation was lost is never posted twice.
 */
import {
  parseServerFrame,
  type ClientFrame,
  type ChatMessage,
  type ServerFrame,
} from '../../events/chat-frames';
import type { AuthProbeResult } from '../live-connection';
import {
  DEFAULT_MACHINE_OPTIONS,
  INITIAL_MACHINE_STATE,
  transition,
  type Effect,
  type LiveStatus,
  type MachineInput,
  type MachineOptions,
  type MachineState,
} from '../live-machine';
import { INITIAL_CHAT_STATE, chatReducer, readyToSend, type ChatAction, type ChatState } from './chat-state';
import { Heartbeat } from './heartbeat';
import { chatSocketUrl, probeSession, type WebSocketLike } from './socket';

export interface ChatConnectionOptions {
  url?: (after: number | null) => string;
  createSocket?: (url: string) => WebSocketLike;
  probeAuth?: () => Promise<AuthProbeResult>;
  machine?: Partial<MachineOptions>;
  now?: () => number;
  newClientId?: () => string;
  /** An application-level ping this often; no pong within `heartbeatTimeoutMs` counts as a drop. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
}

const OPEN = 1;
const GOING_AWAY = 1001;
const TYPING_EVERY_MS = 2_000;

export class ChatConnection {
  private machine: MachineState = INITIAL_MACHINE_STATE;
  private chat: ChatState = INITIAL_CHAT_STATE;
  private socket: WebSocketLike | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly stateListeners = new Set<() => void>();
  private readonly messageListeners = new Set<(message: ChatMessage, live: boolean) => void>();
  private readonly options: MachineOptions;
  private readonly now: () => number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: Heartbeat;
  private lastTypingAt = 0;
  private away = false;
  private started = false;
  /** Why the server closed the last socket, for the details shown with the state. */
  lastClose: { code: number; reason: string } | null = null;

  constructor(private readonly config: ChatConnectionOptions = {}) {
    this.options = { ...DEFAULT_MACHINE_OPTIONS, ...config.machine };
    this.now = config.now ?? Date.now;
    this.heartbeat = new Heartbeat(
      (t) => this.sendFrame({ type: 'ping', t }),
      () => {
        this.closeSocket();
        this.dropped('error');
      },
      this.now,
      config.heartbeatMs,
      config.heartbeatTimeoutMs,
    );
  }

  getStatus = (): LiveStatus => this.machine.status;
  getState = (): ChatState => this.chat;
  subscribeStatus = (listener: () => void) => add(this.statusListeners, listener);
  subscribe = (listener: () => void) => add(this.stateListeners, listener);
  /** Messages as they arrive (not history pages); `live` is false for the replay after a reconnect. */
  onMessage = (listener: (message: ChatMessage, live: boolean) => void) =>
    add(this.messageListeners, listener);

  start(page: { online: boolean } = { online: true }): void {
    if (this.started) return;
    this.started = true;
    this.dispatch({ type: 'start', now: this.now(), online: page.online, visible: true });
  }

  /** Closes everything; `start` may be called again (React's strict mode mounts effects twice). */
  dispose(): void {
    this.started = false;
    this.clearTimers();
    this.closeSocket();
    this.machine = INITIAL_MACHINE_STATE;
  }

  retryNow(): void {
    this.dispatch({ type: 'retry-now' });
  }

  setOnline(online: boolean): void {
    this.dispatch(online ? { type: 'network-online', visible: true } : { type: 'network-offline' });
  }

  setAway(away: boolean): void {
    if (this.away === away) return;
    this.away = away;
    if (this.chat.synced) this.sendFrame({ type: 'status', status: away ? 'away' : 'online' });
  }

  /** Queues a message; it goes now if the socket is ready, else after the next reconnect. */
  send(channel: string, text: string): void {
    const clientId = this.config.newClientId?.() ?? crypto.randomUUID();
    this.apply({ type: 'enqueue', item: { clientId, channel, text, queuedAt: this.now() } });
    this.flush();
  }

  retryMessage(clientId: string): void {
    this.apply({ type: 'retry', clientId });
    this.flush();
  }

  discardMessage(clientId: string): void {
    this.apply({ type: 'discard', clientId });
  }

  /** Asks for the page of history before the oldest message held (the newest page when none). */
  loadOlder(channel: string): void {
    const view = this.chat.channels[channel];
    if (!view || view.loading || view.hasMore === false || !this.chat.synced) return;
    const before = view.messages[0]?.id;
    this.apply({ type: 'history-requested', channel });
    this.sendFrame({ type: 'history', channel, limit: 50, ...(before ? { before } : {}) });
  }

  /** Marks everything held in the channel as read, here and on the user's other devices. */
  markRead(channel: string): void {
    const view = this.chat.channels[channel];
    const newest = view?.messages.at(-1)?.id ?? 0;
    if (!view || newest <= view.info.lastReadId) return;
    this.apply({ type: 'mark-read', channel, lastReadId: newest });
    if (this.chat.synced) this.sendFrame({ type: 'read', channel, lastReadId: newest });
  }

  typing(channel: string): void {
    const now = this.now();
    if (!this.chat.synced || now - this.lastTypingAt < TYPING_EVERY_MS) return;
    this.lastTypingAt = now;
    this.sendFrame({ type: 'typing', channel });
  }

  createChannel(name: string, topic?: string): void {
    this.sendFrame({ type: 'create-channel', name, ...(topic ? { topic } : {}) });
  }

  openDm(user: string): void {
    this.sendFrame({ type: 'open-dm', user });
  }

  dismissNotice(): void {
    this.apply({ type: 'dismiss-notice' });
  }

  // ------------------------------------------------------------------------------------------------

  private apply(action: ChatAction): void {
    const next = chatReducer(this.chat, action);
    if (next === this.chat) return;
    this.chat = next;
    this.stateListeners.forEach((l) => l());
  }

  private sendFrame(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends what the outbox holds once the replay is done; waits out a rate limit with a timer. */
  private flush(): void {
    if (!this.chat.synced || this.socket?.readyState !== OPEN) return;
    const now = this.now();
    const ready = readyToSend(this.chat, now);
    for (const item of ready)
      this.sendFrame({ type: 'send', clientId: item.clientId, channel: item.channel, text: item.text });
    if (ready.length) this.apply({ type: 'sending', clientIds: ready.map((o) => o.clientId) });
    const waiting = this.chat.outbox.filter((o) => o.state === 'queued' && o.notBefore !== undefined);
    if (waiting.length && this.flushTimer === null) {
      const at = Math.min(...waiting.map((o) => o.notBefore!));
      this.flushTimer = setTimeout(
        () => {
          this.flushTimer = null;
          this.flush();
        },
        Math.max(50, at - now),
      );
    }
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'pong') {
      this.heartbeat.pong();
      return;
    }
    this.apply({ type: 'frame', frame, now: this.now() });
    if (frame.type === 'welcome') this.dispatch({ type: 'hello', now: this.now() });
    if (frame.type === 'synced') {
      if (this.away) this.sendFrame({ type: 'status', status: 'away' });
      this.flush();
    }
    if (frame.type === 'error' && frame.code === 'rate-limited') this.flush();
    if (frame.type === 'message') this.messageListeners.forEach((l) => l(frame.message, this.chat.synced));
  }

  private dispatch(input: MachineInput): void {
    if (!this.started) return;
    const before = this.machine.status;
    const { state, effects } = transition(this.machine, input, this.options);
    this.machine = state;
    for (const effect of effects) this.run(effect);
    if (state.status !== before) this.statusListeners.forEach((l) => l());
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'open':
        this.open();
        break;
      case 'close':
        this.closeSocket();
        break;
      case 'schedule-retry':
        this.clearRetry();
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.dispatch({ type: 'retry-timer', now: this.now() });
        }, effect.delayMs);
        break;
      case 'cancel-retry':
        this.clearRetry();
        break;
      case 'probe-auth':
        void (this.config.probeAuth ?? probeSession)().then((result) => {
          if (result === 'signed-out' && this.machine.status.kind !== 'connected')
            this.dispatch({ type: 'signed-out' });
        });
        break;
    }
  }

  private open(): void {
    this.closeSocket();
    const url = (this.config.url ?? chatSocketUrl)(this.chat.lastId);
    const socket = (this.config.createSocket ?? ((u: string): WebSocketLike => new WebSocket(u)))(url);
    this.socket = socket;
    const current = () => this.socket === socket;
    socket.addEventListener('message', (event) => {
      if (!current() || typeof event.data !== 'string') return;
      const frame = parseServerFrame(event.data);
      if (frame) this.onFrame(frame);
    });
    socket.addEventListener('open', () => {
      if (current()) this.heartbeat.start();
    });
    socket.addEventListener('close', (event) => {
      if (!current()) return;
      this.lastClose = { code: event.code ?? 1006, reason: event.reason ?? '' };
      this.dropped(event.code === GOING_AWAY ? 'shutdown' : 'error');
    });
    socket.addEventListener('error', () => {
      if (current()) this.dropped('error');
    });
  }

  private dropped(kind: 'shutdown' | 'error'): void {
    this.heartbeat.stop();
    this.socket = null;
    this.apply({ type: 'disconnected' });
    this.dispatch({ type: kind, now: this.now() });
  }

  private closeSocket(): void {
    this.heartbeat.stop();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      try {
        socket.close(1000);
      } catch {
        // already closed
      }
      this.apply({ type: 'disconnected' });
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearTimers(): void {
    this.clearRetry();
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.heartbeat.stop();
  }
}

function add<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => set.delete(item);
}
