/**
 * One live event stream over SSE: opens `/api/events?streams=…`, feeds a LiveStore, and follows the
 * policy of live-machine.ts (backoff with full jitter, immediate reconnect on `shutdown`, pause while
 * the tab is hidden, resume from the last id). It closes the EventSource on every error and opens a
 * new one with `?lastEventId=` itself, instead of the browser's fixed-delay retry, so a tab left
 * overnight backs off instead of hammering the server.
 */
import { CONTROL_EVENTS, EVENT_TYPE_NAMES, type StreamName } from '../events';
import { parseHello, parseReset } from './control-events';
import { parseLiveEvent } from './live-event';
import {
  DEFAULT_MACHINE_OPTIONS,
  INITIAL_MACHINE_STATE,
  transition,
  type Effect,
  type LiveStatus,
  type MachineInput,
  type MachineOptions,
  type MachineState,
} from './live-machine';
import { LiveStore } from './live-store';

/** The part of EventSource this module uses; tests pass a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type AuthProbeResult = 'ok' | 'signed-out' | 'unknown';

export interface LiveConnectionOptions {
  streams: readonly StreamName[];
  /** Path of the SSE endpoint. */
  path?: string;
  createEventSource?: (url: string) => EventSourceLike;
  /** Asked after a failure: is the session still valid? A signed-out user stops retrying. */
  probeAuth?: () => Promise<AuthProbeResult>;
  machine?: Partial<MachineOptions>;
  now?: () => number;
  /** The id to resume from on the first connect (e.g. kept across a reload). */
  lastEventId?: number | null;
}

async function probeSession(): Promise<AuthProbeResult> {
  try {
    const response = await fetch('/api/me', { cache: 'no-store', credentials: 'same-origin' });
    if (response.status === 401) return 'signed-out';
    return response.ok ? 'ok' : 'unknown';
  } catch {
    return 'unknown';
  }
}

export class LiveConnection {
  readonly store: LiveStore;
  private state: MachineState = INITIAL_MACHINE_STATE;
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly options: MachineOptions;
  private readonly now: () => number;
  private seq = 0;
  private started = false;
  /** The newest durable id seen: the resume point. */
  lastEventId: number | null;

  constructor(private readonly config: LiveConnectionOptions) {
    this.options = { ...DEFAULT_MACHINE_OPTIONS, ...config.machine };
    this.now = config.now ?? Date.now;
    this.lastEventId = config.lastEventId ?? null;
    this.store = new LiveStore(undefined, this.now);
  }

  getStatus = (): LiveStatus => this.state.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  start(page: { online: boolean; visible: boolean } = { online: true, visible: true }): void {
    if (this.started) return;
    this.started = true;
    this.dispatch({ type: 'start', now: this.now(), ...page });
  }

  /** Closes everything. `start` may be called again (React's strict mode mounts effects twice). */
  dispose(): void {
    this.started = false;
    this.clearRetry();
    this.closeSource();
    this.state = INITIAL_MACHINE_STATE;
  }

  /** The user asked to try again now (e.g. after the stream gave up). */
  retryNow(): void {
    this.dispatch({ type: 'retry-now' });
  }

  setVisible(visible: boolean): void {
    this.dispatch(visible ? { type: 'visible' } : { type: 'hidden' });
  }

  setOnline(online: boolean, visible = true): void {
    this.dispatch(online ? { type: 'network-online', visible } : { type: 'network-offline' });
  }

  /** The URL of the next connect, carrying the resume point. */
  url(): string {
    const params = new URLSearchParams({ streams: this.config.streams.join(',') });
    if (this.lastEventId !== null) params.set('lastEventId', String(this.lastEventId));
    return `${this.config.path ?? '/api/events'}?${params.toString()}`;
  }

  private dispatch(input: MachineInput): void {
    if (!this.started) return;
    const before = this.state.status;
    const { state, effects } = transition(this.state, input, this.options);
    this.state = state;
    for (const effect of effects) this.run(effect);
    if (state.status !== before) this.statusListeners.forEach((l) => l());
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'open':
        this.open();
        break;
      case 'close':
        this.closeSource();
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
          // A late answer must not undo a connection that has since come back.
          if (result === 'signed-out' && this.state.status.kind !== 'connected') {
            this.dispatch({ type: 'signed-out' });
          }
        });
        break;
    }
  }

  private open(): void {
    this.closeSource();
    const create: (url: string) => EventSourceLike =
      this.config.createEventSource ?? ((url: string) => new EventSource(url));
    const source = create(this.url());
    this.source = source;
    // Events of a source that was replaced are ignored, even if one slips through after close().
    const current = () => this.source === source;

    source.addEventListener('error', () => {
      if (current()) this.dispatch({ type: 'error', now: this.now() });
    });
    source.addEventListener(CONTROL_EVENTS.hello, (event) => {
      if (!current()) return;
      const hello = parseHello(event.data);
      if (!hello) return;
      // A fresh connect starts at the server's newest id, so a later reconnect misses nothing.
      if (this.lastEventId === null) this.lastEventId = hello.lastId;
      this.store.hello(hello);
      this.dispatch({ type: 'hello', now: this.now() });
    });
    source.addEventListener(CONTROL_EVENTS.reset, (event) => {
      if (!current()) return;
      const reset = parseReset(event.data);
      if (!reset) return;
      this.lastEventId = reset.lastId;
      this.store.reset(reset);
    });
    source.addEventListener(CONTROL_EVENTS.shutdown, () => {
      if (current()) this.dispatch({ type: 'shutdown', now: this.now() });
    });
    for (const type of EVENT_TYPE_NAMES) {
      source.addEventListener(type, (event) => {
        if (!current()) return;
        const live = parseLiveEvent(type, event.data, event.lastEventId, ++this.seq);
        if (!live) return;
        if (live.id !== null && (this.lastEventId === null || live.id > this.lastEventId)) {
          this.lastEventId = live.id;
        }
        this.store.add(live);
      });
    }
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
