/**
 * The MQTT explorer's client: mqtt.js in the browser over WebSocket (`/mqtt`), signed in by the
 * session cookie, read-only. It subscribes to one filter under `sensors/`, keeps the newest messages
 * (bounded), and reconnects with jittered backoff. Framework-free: hooks and the transport bar read
 * it through `subscribe` / `getSnapshot`.
 */
import type { MqttClient } from 'mqtt';
import { backoffDelay } from '../backoff';

export type ExplorerState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; retryAt: number; reason: string }
  | { kind: 'refused'; reason: string; retryAt: number }
  | { kind: 'paused' };

export interface ExplorerMessage {
  seq: number;
  at: number;
  topic: string;
  /** The payload as text, cut at PREVIEW_CHARS. */
  text: string;
  bytes: number;
  qos: 0 | 1 | 2;
  retain: boolean;
}

export interface ExplorerSnapshot {
  state: ExplorerState;
  filter: string;
  /** Newest first, at most KEEP. */
  messages: readonly ExplorerMessage[];
  received: number;
  /** Why the last subscription failed, if it did (SUBACK refusal). */
  subscribeError: string | null;
}

export const KEEP = 200;
const PREVIEW_CHARS = 400;
const BACKOFF = { baseMs: 1_000, capMs: 60_000 };
const FLUSH_MS = 200;

type Connect = (url: string, options: Record<string, unknown>) => MqttClient;

export class MqttExplorer {
  private client: MqttClient | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private seq = 0;
  private stopped = true;
  private snapshot: ExplorerSnapshot;
  private readonly listeners = new Set<() => void>();
  private pending: ExplorerMessage[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    filter: string,
    private readonly connect: Connect,
  ) {
    this.snapshot = {
      state: { kind: 'connecting' },
      filter,
      messages: [],
      received: 0,
      subscribeError: null,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ExplorerSnapshot => this.snapshot;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  /** Closes the connection (a hidden tab, an unmount); `start()` opens it again. */
  stop(paused = false): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.client?.end(true);
    this.client = null;
    if (paused) this.update({ state: { kind: 'paused' } });
  }

  setFilter(filter: string): void {
    const previous = this.snapshot.filter;
    if (filter === previous) return;
    this.pending = [];
    this.update({ filter, messages: [], subscribeError: null });
    if (this.client?.connected) {
      this.client.unsubscribe(previous);
      this.subscribeTo(this.client, filter);
    }
  }

  clear(): void {
    this.update({ messages: [] });
  }

  private open(): void {
    this.update({ state: this.attempt === 0 ? { kind: 'connecting' } : this.snapshot.state });
    const client = this.connect(this.url, {
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      clientId: `browser-${Math.random().toString(36).slice(2, 10)}`,
    });
    this.client = client;
    client.on('connect', () => {
      this.attempt = 0;
      this.update({ state: { kind: 'connected' } });
      this.subscribeTo(client, this.snapshot.filter);
    });
    client.on('message', (topic, payload, packet) => this.receive(topic, payload, packet.qos, packet.retain));
    let lastError = 'connection closed';
    client.on('error', (error: Error & { code?: number }) => {
      lastError = error.code === 5 ? 'not authorised: sign in again' : error.message;
    });
    client.on('close', () => {
      if (this.client !== client || this.stopped) return;
      this.client = null;
      const retryAt = Date.now() + backoffDelay(this.attempt++, BACKOFF) + 500;
      const refused = lastError.startsWith('not authorised');
      this.update({
        state: refused
          ? { kind: 'refused', reason: lastError, retryAt }
          : { kind: 'reconnecting', retryAt, reason: lastError },
      });
      this.retryTimer = setTimeout(() => this.open(), retryAt - Date.now());
    });
  }

  private subscribeTo(client: MqttClient, filter: string): void {
    // QoS 1: a message arrives at min(publish QoS, 1), so the list shows whether devices use QoS 0 or 1.
    client.subscribe(filter, { qos: 1 }, (error) => {
      if (error) this.update({ subscribeError: `${filter}: ${error.message}` });
    });
  }

  private receive(topic: string, payload: Buffer | Uint8Array, qos: 0 | 1 | 2, retain: boolean): void {
    const text = new TextDecoder().decode(payload.subarray(0, PREVIEW_CHARS * 4)).slice(0, PREVIEW_CHARS);
    this.pending.push({ seq: ++this.seq, at: Date.now(), topic, text, bytes: payload.length, qos, retain });
    // A busy filter can bring thousands of messages a second: the list is redrawn at most 5 times.
    this.flushTimer ??= setTimeout(() => this.flushPending(), FLUSH_MS);
  }

  private flushPending(): void {
    this.flushTimer = null;
    const arrived = this.pending.reverse();
    this.pending = [];
    const messages = [...arrived.slice(0, KEEP), ...this.snapshot.messages].slice(0, KEEP);
    this.update({ messages, received: this.snapshot.received + arrived.length });
  }

  private update(change: Partial<ExplorerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.forEach((l) => l());
  }
}

/** The explorer's connection state for the transport bar; null while no explorer is open. */
let current: MqttExplorer | null = null;
const currentListeners = new Set<() => void>();
let unsubscribeCurrent: (() => void) | null = null;

export function setCurrentExplorer(explorer: MqttExplorer | null): void {
  unsubscribeCurrent?.();
  unsubscribeCurrent = explorer ? explorer.subscribe(() => currentListeners.forEach((l) => l())) : null;
  current = explorer;
  currentListeners.forEach((l) => l());
}

export function subscribeCurrentExplorer(listener: () => void): () => void {
  currentListeners.add(listener);
  return () => currentListeners.delete(listener);
}

export function currentExplorerState(): ExplorerState | null {
  return current?.getSnapshot().state ?? null;
}
