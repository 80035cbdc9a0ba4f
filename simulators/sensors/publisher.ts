import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import type { SimulatedDevice } from './fleet';
import { PROFILES, Signal, hashSeed, seededRandom } from './signals';

/** How unreliable the simulated devices are, per reading. */
export interface Behaviour {
  /** Chance of going quiet (still connected) for 30–90 s: the dashboard should flag it silent. */
  dropoutChance: number;
  /** Chance of losing the connection abruptly (the broker publishes the last will), back after 5–20 s. */
  reconnectChance: number;
  /** Chance of a spike in a metric. */
  spikeChance: number;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  dropoutChance: 1 / 250,
  reconnectChance: 1 / 400,
  spikeChance: 1 / 150,
};

export interface PublisherStats {
  messages: number;
  readings: number;
  connects: number;
  drops: number;
  errors: number;
}

/**
 * One simulated device on a real MQTT connection: logs in with its credentials, leaves a retained
 * last will (`<prefix>/status` = offline), says `online` (retained), and publishes readings (retained
 * last values) at its interval with jitter, at its QoS. Now and then it goes quiet or drops its
 * connection without a DISCONNECT, as field devices do.
 */
export class SimulatedPublisher {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private silentUntil = 0;
  private stopping = false;
  private readonly random: () => number;
  private readonly signals: [string, Signal][];

  constructor(
    readonly device: SimulatedDevice,
    private readonly url: string,
    private readonly password: string,
    private readonly stats: PublisherStats,
    private readonly behaviour: Behaviour = DEFAULT_BEHAVIOUR,
  ) {
    this.random = seededRandom(hashSeed(device.id) ^ Date.now());
    const own = seededRandom(hashSeed(device.id));
    this.signals = device.metrics.map((metric) => {
      const profile = PROFILES[metric];
      return [
        metric,
        new Signal(profile, this.random, (own() - 0.5) * profile.amplitude, behaviour.spikeChance),
      ];
    });
  }

  start(): void {
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    // A clean DISCONNECT: the will is discarded, the device is not "lost".
    if (client) await client.endAsync().catch(() => undefined);
  }

  private get statusTopic(): string {
    return `${this.device.topicPrefix}/status`;
  }

  private connect(): void {
    if (this.stopping) return;
    const client = mqtt.connect(this.url, {
      clientId: this.device.id,
      username: this.device.id,
      password: this.password,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      will: { topic: this.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => {
      this.stats.connects++;
      client.publish(this.statusTopic, 'online', { qos: 1, retain: true });
      this.schedule(this.random() * this.device.intervalSeconds * 1000);
    });
    client.on('error', () => this.stats.errors++);
    client.on('close', () => {
      if (this.client !== client || this.stopping) return;
      this.client = null;
      if (this.timer) clearTimeout(this.timer);
      setTimeout(() => this.connect(), 5_000 + this.random() * 5_000).unref();
    });
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    const client = this.client;
    if (!client?.connected || this.stopping) return;
    const now = Date.now();
    const jitter = 0.9 + this.random() * 0.2;
    this.schedule(this.device.intervalSeconds * 1000 * jitter);
    if (now < this.silentUntil) return;
    if (this.random() < this.behaviour.dropoutChance) {
      this.silentUntil = now + 30_000 + this.random() * 60_000;
      return;
    }
    if (this.random() < this.behaviour.reconnectChance) {
      // Pull the plug: no DISCONNECT, so the broker publishes the will and the device reads offline.
      this.stats.drops++;
      this.client = null;
      if (this.timer) clearTimeout(this.timer);
      (client.stream as Socket).destroy();
      client.end(true);
      setTimeout(() => this.connect(), 5_000 + this.random() * 15_000).unref();
      return;
    }
    this.publishReading(client, now);
  }

  private publishReading(client: MqttClient, now: number): void {
    const values = Object.fromEntries(this.signals.map(([metric, signal]) => [metric, signal.next(now)]));
    const options = { qos: this.device.qos, retain: true } as const;
    if (this.device.format === 'json') {
      client.publish(
        this.device.topicPrefix,
        JSON.stringify({ ...values, timestamp: Math.floor(now / 1000) }),
        options,
      );
      this.stats.messages++;
    } else {
      for (const [metric, value] of Object.entries(values)) {
        client.publish(`${this.device.topicPrefix}/${metric}`, String(value), options);
        this.stats.messages++;
      }
    }
    this.stats.readings += this.signals.length;
  }
}
