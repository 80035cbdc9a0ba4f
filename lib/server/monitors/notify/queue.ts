import 'server-only';
import { hmacHex } from '../../webhooks/signatures';
import type { NotificationChannel } from './channels';
import { payloadFor, type StatusChange } from './format';

export interface DeliveryRecord {
  channelId: number;
  channel: string;
  event: string;
  monitor: string;
  attempts: number;
  outcome: 'delivered' | 'failed' | 'dropped' | 'pending';
  /** HTTP status of the last attempt, or the network error. */
  detail: string;
  at: number;
}

interface Delivery {
  channel: NotificationChannel;
  body: string;
  event: string;
  monitor: string;
  attempts: number;
  nextAt: number;
}

export interface NotifierOptions {
  /** Deliveries waiting at most; past it the oldest is dropped (and recorded as dropped). */
  maxQueue?: number;
  maxAttempts?: number;
  /** First retry after about this long, doubling each time (with jitter), capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/**
 * Outgoing webhooks for status changes: a bounded in-memory queue, a few deliveries at a time, each
 * with a timeout, retried with exponential backoff and full jitter on network errors, 429 and 5xx
 * (other 4xx are final: the receiver said no). The last deliveries are kept for the API and tests.
 */
export class Notifier {
  private readonly queue: Delivery[] = [];
  private readonly history: DeliveryRecord[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly o: Required<Omit<NotifierOptions, 'fetch' | 'log'>> & Pick<NotifierOptions, 'fetch' | 'log'>;
  dropped = 0;

  constructor(options: NotifierOptions = {}) {
    this.o = {
      maxQueue: options.maxQueue ?? 500,
      maxAttempts: options.maxAttempts ?? 5,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      concurrency: options.concurrency ?? 4,
      fetch: options.fetch,
      log: options.log,
    };
  }

  /** Queues one delivery per enabled channel. */
  notify(channels: readonly NotificationChannel[], change: StatusChange): void {
    if (this.stopped) return;
    for (const channel of channels) {
      if (!channel.enabled) continue;
      this.queue.push({
        channel,
        body: JSON.stringify(payloadFor(channel.format, change)),
        event: `monitor.${change.status}`,
        monitor: change.monitor.name,
        attempts: 0,
        nextAt: Date.now(),
      });
      while (this.queue.length > this.o.maxQueue) {
        const dropped = this.queue.shift()!;
        this.dropped++;
        this.record(dropped, 'dropped', 'queue full');
      }
    }
    this.pump();
  }

  /** Sends one test message now (not queued, no retries) and says how it went. */
  async test(channel: NotificationChannel, change: StatusChange): Promise<{ ok: boolean; detail: string }> {
    return this.send({ channel, body: JSON.stringify(payloadFor(channel.format, change)), event: 'monitor.test', monitor: change.monitor.name, attempts: 0, nextAt: 0 });
  }

  recent(): readonly DeliveryRecord[] {
    return this.history;
  }

  pending(): number {
    return this.queue.length + this.active;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private pump(): void {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const now = Date.now();
    while (this.active < this.o.concurrency) {
      const index = this.queue.findIndex((d) => d.nextAt <= now);
      if (index < 0) break;
      const [delivery] = this.queue.splice(index, 1);
      this.active++;
      void this.attempt(delivery!).finally(() => {
        this.active--;
        this.pump();
      });
    }
    if (this.queue.length > 0) {
      const soonest = Math.min(...this.queue.map((d) => d.nextAt));
      this.timer = setTimeout(() => this.pump(), Math.max(10, soonest - now));
      this.timer.unref();
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    delivery.attempts++;
    const result = await this.send(delivery);
    if (result.ok) return this.record(delivery, 'delivered', result.detail);
    if (!result.retry || delivery.attempts >= this.o.maxAttempts || this.stopped) {
      this.o.log?.(`[monitors] notification to ${delivery.channel.name} failed after ${delivery.attempts} attempts: ${result.detail}`);
      return this.record(delivery, 'failed', result.detail);
    }
    const window = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (delivery.attempts - 1));
    delivery.nextAt = Date.now() + window / 2 + Math.random() * (window / 2);
    this.queue.push(delivery);
  }

  private async send(delivery: Delivery): Promise<{ ok: boolean; retry: boolean; detail: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Signalboard-Uptime' };
    if (delivery.channel.secret) {
      const ts = String(Math.floor(Date.now() / 1000));
      headers['x-signalboard-timestamp'] = ts;
      headers['x-signalboard-signature'] = `sha256=${hmacHex(delivery.channel.secret, `${ts}.${delivery.body}`)}`;
    }
    try {
      const res = await (this.o.fetch ?? fetch)(delivery.channel.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      await res.body?.cancel();
      const retry = res.status === 429 || res.status >= 500;
      return { ok: res.ok, retry, detail: `HTTP ${res.status}` };
    } catch (error) {
      return { ok: false, retry: true, detail: (error as Error).message.slice(0, 200) };
    }
  }

  private record(delivery: Delivery, outcome: DeliveryRecord['outcome'], detail: string): void {
    this.history.unshift({
      channelId: delivery.channel.id,
      channel: delivery.channel.name,
      event: delivery.event,
      monitor: delivery.monitor,
      attempts: delivery.attempts,
      outcome,
      detail,
      at: Date.now(),
    });
    if (this.history.length > 100) this.history.length = 100;
  }
}
