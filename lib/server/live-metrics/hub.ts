import 'server-only';
import { performance } from 'node:perf_hooks';
import {
  METRICS_PROTOCOL_VERSION,
  METRIC_DEFS,
  encodeHello,
  encodeSample,
} from '../../events/metrics-frames';
import { serverVersion } from '../version';
import type { MetricsSampler } from './sampler';
import { MetricsSubscriber, type MetricsPeer, type SubscriberHost } from './subscriber';

export interface MetricsHubOptions {
  /** Invalid frames tolerated within the window before a session is ended. */
  strikeLimit: number;
  strikeWindowMs: number;
}

export const DEFAULT_HUB_OPTIONS: MetricsHubOptions = { strikeLimit: 10, strikeWindowMs: 10_000 };

/**
 * Subscribers that share a rate share one timer. The timer aims at `start + n × period` rather than
 * re-arming `period` after each run, so 60 Hz stays 60 Hz on average even though Node's timers have
 * whole-millisecond resolution (16 and 17 ms alternate); after a stall it skips ahead instead of
 * bursting the missed samples.
 */
class RateGroup {
  readonly members = new Set<MetricsSubscriber>();
  private timer: NodeJS.Timeout | null = null;
  private start = performance.now();
  private n = 0;

  constructor(
    readonly rate: number,
    private readonly fire: (group: RateGroup) => void,
  ) {}

  run(): void {
    if (this.timer) return;
    this.start = performance.now();
    this.n = 0;
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const period = 1000 / this.rate;
    const now = performance.now();
    this.n++;
    let due = this.start + this.n * period;
    if (due < now - period) {
      this.n = Math.ceil((now - this.start) / period);
      due = this.start + this.n * period;
    }
    this.timer = setTimeout(
      () => {
        this.fire(this);
        if (this.timer) this.arm();
      },
      Math.max(0, due - now),
    );
  }
}

/**
 * Fans samples out to every live metrics session, whatever its transport: each gets the sampler's
 * newest values at the rate it chose (1–60 Hz), with its own sequence numbers and metric set.
 */
export class MetricsHub implements SubscriberHost {
  readonly limits: MetricsHubOptions;
  private readonly groups = new Map<number, RateGroup>();
  private readonly subscribers = new Set<MetricsSubscriber>();

  constructor(
    private readonly sampler: MetricsSampler,
    options: Partial<MetricsHubOptions> = {},
  ) {
    this.limits = { ...DEFAULT_HUB_OPTIONS, ...options };
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** A new session: it receives the hello (metric names and snapshot) at once, then samples. */
  add(peer: MetricsPeer): MetricsSubscriber {
    const subscriber = new MetricsSubscriber(peer, this);
    this.subscribers.add(subscriber);
    peer.sendReliable(this.hello(subscriber));
    this.join(subscriber);
    return subscriber;
  }

  remove(subscriber: MetricsSubscriber): void {
    subscriber.close();
    if (!this.subscribers.delete(subscriber)) return;
    this.leave(subscriber, subscriber.rate);
  }

  rateChanged(subscriber: MetricsSubscriber, previousRate: number): void {
    if (!this.subscribers.has(subscriber)) return;
    this.leave(subscriber, previousRate);
    this.join(subscriber);
  }

  /** Stops every timer; sessions are closed by their transports. */
  close(): void {
    for (const group of this.groups.values()) group.stop();
    this.groups.clear();
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
  }

  /** The hello frame: protocol version, rate and metric set in force, metric names, recent samples. */
  hello(subscriber: MetricsSubscriber): Uint8Array {
    const snapshot = this.sampler
      .history()
      .map((sample, i) => encodeSample(i, sample.time, subscriber.mask, sample.values));
    return encodeHello(
      {
        version: METRICS_PROTOCOL_VERSION,
        rate: subscriber.rate,
        mask: subscriber.mask,
        serverVersion: serverVersion(),
        metrics: METRIC_DEFS.map((d, id) => ({ id, key: d.key, label: d.label, unit: d.unit })),
      },
      snapshot,
    );
  }

  private join(subscriber: MetricsSubscriber): void {
    let group = this.groups.get(subscriber.rate);
    if (!group) {
      group = new RateGroup(subscriber.rate, (g) => this.fire(g));
      this.groups.set(subscriber.rate, group);
    }
    group.members.add(subscriber);
    group.run();
  }

  private leave(subscriber: MetricsSubscriber, rate: number): void {
    const group = this.groups.get(rate);
    if (!group) return;
    group.members.delete(subscriber);
    if (group.members.size === 0) {
      group.stop();
      this.groups.delete(rate);
    }
  }

  private fire(group: RateGroup): void {
    const values = this.sampler.read();
    const time = Date.now();
    for (const subscriber of group.members) subscriber.deliver(time, values);
  }
}
