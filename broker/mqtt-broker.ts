import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import { SENSORS_ROOT } from '../lib/events/mqtt-topics';
import type { EventBus } from '../lib/server/bus';
import { deviceChanges } from '../lib/server/devices/changes';
import { transportMetrics } from '../lib/server/metrics';
import { SensorIngest, type IngestOptions } from '../lib/server/sensors/ingest';
import type { Db } from '../lib/server/store';
import { DEFAULT_LIMITS, guardParser, type MqttLimits } from './mqtt-limits';
import { MqttPolicy, type ClientSession, type ConnectionInfo } from './mqtt-policy';
import { PublishLedger, type Stamped } from './mqtt-publish-ledger';
import { sniffConnect } from './mqtt-sniff';
import type { RedisMqttParts } from './mqtt-redis';
import { V5Adapter } from './mqtt5-adapter';
import { REASON } from './mqtt5-translate';
import { SqlitePersistence } from './persistence/sqlite-persistence';
import { ThrottledLog } from './throttled-log';

export interface MqttBrokerOptions {
  limits: Partial<MqttLimits>;
  ingest: Partial<IngestOptions>;
  /** Time a new connection has to send its CONNECT. */
  connectTimeoutMs: number;
  /** Several instances: Redis carries the routing and the broker state instead of SQLite. */
  redis?: RedisMqttParts;
}

const SENSORS_PREFIX = `${SENSORS_ROOT}/`;

/**
 * The embedded broker: aedes with the SQLite persistence (Redis with several instances), the policy
 * hooks and the sensor ingest.
 * Listeners (TCP, TLS, WebSocket) hand it connections through `accept`; it sniffs the first packet
 * (garbage is closed before aedes sees it), puts MQTT 5 clients behind the adapter, and bounds what a
 * parser may buffer.
 */
export class MqttBroker {
  readonly ingest: SensorIngest;
  readonly policy: MqttPolicy;
  readonly limits: MqttLimits;
  private readonly byDevice = new Map<string, Set<Client>>();
  private readonly metrics = transportMetrics('mqtt');
  private readonly log = new ThrottledLog('[mqtt]');
  private readonly offChanges: () => void;
  private clientCount = 0;
  private closing = false;
  /**
   * Messages in and out since the last flush to Prometheus: prom-client's inc() costs more than the
   * rest of a QoS 0 delivery's bookkeeping, so the hot path adds to plain numbers.
   */
  readonly counted = { in: 0, out: 0 };
  readonly publishes = new PublishLedger();
  private readonly countTimer: NodeJS.Timeout;
  /** Connections closed before CONNECT (not MQTT, or silent). */
  refusedConnections = 0;

  private constructor(
    readonly aedes: Aedes,
    private readonly closeStore: () => Promise<void>,
    ingest: SensorIngest,
    policy: MqttPolicy,
    limits: MqttLimits,
    private readonly options: MqttBrokerOptions,
  ) {
    this.ingest = ingest;
    this.policy = policy;
    this.limits = limits;
    this.offChanges = deviceChanges().subscribe(({ deviceId, kind }) =>
      this.disconnectDevice(deviceId, kind === 'revoked' ? 'credentials revoked' : 'password changed'),
    );
    this.watch();
    this.countTimer = setInterval(() => this.flushCounts(), 1_000);
    this.countTimer.unref();
  }

  private flushCounts(): void {
    if (this.counted.in) this.metrics.in.inc(this.counted.in);
    if (this.counted.out) this.metrics.out.inc(this.counted.out);
    this.counted.in = 0;
    this.counted.out = 0;
  }

  static async create(db: Db, bus: EventBus, options: Partial<MqttBrokerOptions> = {}): Promise<MqttBroker> {
    const full: MqttBrokerOptions = { limits: {}, ingest: {}, connectTimeoutMs: 10_000, ...options };
    const limits = { ...DEFAULT_LIMITS, ...full.limits };
    const sqlite = full.redis ? null : new SqlitePersistence(db);
    const persistence = full.redis?.persistence ?? sqlite;
    const ingest = new SensorIngest(db, bus, full.ingest);
    let broker: MqttBroker | null = null;
    // A fresh id per start: wills stored by an earlier run then belong to a broker known dead, and
    // aedes publishes them (the devices that never came back get their last will after a crash).
    const id = randomUUID();
    const policy = new MqttPolicy(
      db,
      limits,
      {
        reject: (reason, detail, deviceId, topic) => ingest.reject(reason, detail, deviceId, topic),
        violation: (client, session, reason, detail) =>
          broker?.logViolation(client, session, `${reason}: ${detail}`),
      },
      `$SYS/${id}/signalboard/refused`,
    );
    const aedes = await Aedes.createBroker({
      id,
      persistence: persistence as never,
      ...(full.redis ? { mq: full.redis.mq as never } : {}),
      connectTimeout: full.connectTimeoutMs,
      maxClientsIdLength: 128,
      // Messages being routed at once (mqemitter). Each publish holds its slot until every subscriber's
      // write is handed to the socket, so the default 100 capped many-publisher fan-in (measured ~2×).
      concurrency: 1_000,
      authenticate: policy.authenticate,
      authorizePublish: (client, packet, done) => {
        (packet as Stamped).receivedAt = performance.now();
        policy.authorizePublish(client, packet, done);
      },
      authorizeSubscribe: policy.authorizeSubscribe,
      authorizeForward: (_client, packet) => {
        if (broker) {
          broker.counted.out++;
          broker.publishes.counted(packet);
        }
        return packet;
      },
      published: (packet, client, done) => {
        broker?.handlePublished(packet, client);
        done(null);
      },
    });
    const closeStore = async () => {
      if (sqlite) sqlite.flush();
      else await full.redis?.close();
    };
    broker = new MqttBroker(aedes, closeStore, ingest, policy, limits, full);
    ingest.start();
    return broker;
  }

  get clients(): number {
    return this.clientCount;
  }

  /** Serves one connection from a listener. Never throws; bad connections are closed and counted. */
  async accept(stream: Duplex, info: ConnectionInfo, req?: IncomingMessage): Promise<void> {
    stream.on('error', () => undefined);
    const sniffed = await sniffConnect(stream, this.options.connectTimeoutMs);
    if (!sniffed.ok) {
      this.refusedConnections++;
      this.log.warn('refused', `${info.transport} ${info.remote} closed before CONNECT: ${sniffed.reason}`);
      stream.destroy();
      return;
    }
    if (this.aedes.closed) {
      stream.destroy();
      return;
    }
    let conn: Duplex = stream;
    if (sniffed.protocolVersion === 5) {
      const adapter = new V5Adapter(stream, this.limits.maxPacketBytes, (announced) =>
        this.log.warn('too-large', `${info.remote} disconnected: packet of ${announced} bytes announced`),
      );
      info.v5 = adapter;
      conn = adapter;
    }
    this.policy.connections.set(conn, info);
    const client = this.aedes.handle(conn, req);
    if (!info.v5) {
      const parser = (client as unknown as { _parser: Parameters<typeof guardParser>[0] })._parser;
      guardParser(parser, this.limits.maxPacketBytes, (announced) => {
        const session = this.policy.session(client);
        if (session)
          session.closeReason = `packet of ${announced} bytes is over the ${this.limits.maxPacketBytes}-byte limit`;
        this.ingest.reject(
          'too-large',
          `packet of ${announced} bytes`,
          session?.kind === 'device' ? session.name : null,
          null,
        );
        this.logViolation(client, session, `too-large: ${announced} bytes`);
        conn.destroy();
      });
    }
  }

  /** Closes every connection of a device (after its credentials changed). */
  disconnectDevice(deviceId: string, reason: string): void {
    for (const client of this.byDevice.get(deviceId) ?? []) {
      const session = this.policy.session(client);
      if (session) {
        session.closeReason = reason;
        session.info.v5?.setDisconnectReason(REASON.notAuthorized);
      }
      client.close();
    }
  }

  /**
   * Closes every client and flushes. A restart is not the devices' fault, so their wills are not
   * published now: they stay in the store, and aedes publishes those of devices that have not come
   * back a few heartbeats after the next start (their stored broker id is then a dead broker's).
   */
  async close(): Promise<void> {
    this.closing = true;
    this.offChanges();
    for (const client of Object.values(
      (this.aedes as unknown as { clients: Record<string, Client> }).clients,
    )) {
      (client as unknown as { will: unknown }).will = null;
      this.policy.session(client)?.info.v5?.setDisconnectReason(REASON.serverShuttingDown);
    }
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    clearInterval(this.countTimer);
    this.flushCounts();
    this.ingest.stop();
    await this.closeStore();
  }

  private handlePublished(packet: PublishPacket & Stamped, client: Client | null): void {
    const { topic } = packet;
    const payload = packet.payload as Buffer;
    if (!client) return;
    this.counted.in++;
    this.publishes.published(packet);
    if (!topic.startsWith(SENSORS_PREFIX)) return;
    const session = this.policy.session(client);
    if (session?.kind !== 'device' || session.prefix === null) return;
    this.ingest.accept(session.name, session.prefix, topic, payload);
  }

  private watch(): void {
    const { aedes } = this;
    aedes.on('client', (client) => {
      this.clientCount++;
      this.metrics.connections.inc();
      const session = this.policy.session(client);
      if (session?.kind !== 'device') return;
      let set = this.byDevice.get(session.name);
      if (!set) this.byDevice.set(session.name, (set = new Set()));
      set.add(client);
      session.hasWill = Boolean((client as unknown as { will?: unknown }).will);
      this.ingest.tracker.connected(session.name);
    });
    aedes.on('clientDisconnect', (client) => {
      this.clientCount = Math.max(0, this.clientCount - 1);
      this.metrics.connections.dec();
      const session = this.policy.session(client);
      if (session?.kind !== 'device') return;
      this.byDevice.get(session.name)?.delete(client);
      // On shutdown every device would turn offline at once; the next start marks them all so.
      if (this.closing) return;
      const clean = (client as unknown as { _disconnected?: boolean })._disconnected === true;
      const reason = clean
        ? 'disconnected'
        : `${session.closeReason ?? 'connection lost'}${session.hasWill ? '; last will published' : ''}`;
      this.ingest.tracker.disconnected(session.name, reason, { clean });
    });
    aedes.on('keepaliveTimeout', (client) => {
      const session = this.policy.session(client);
      if (session) session.closeReason = 'keep-alive timeout';
    });
    aedes.on('clientError', (client, error) => {
      const session = this.policy.session(client);
      if (session && !session.closeReason)
        session.closeReason = `connection error (${error.message.slice(0, 80)})`;
    });
    aedes.on('unsubscribe', (topics, client) => {
      const session = this.policy.session(client);
      for (const topic of topics) session?.subscriptions.delete(topic);
    });
    (aedes as NodeJS.EventEmitter).on('error', (error: Error) =>
      console.error('[mqtt] broker error:', error),
    );
  }

  private logViolation(client: Client, session: ClientSession | null, what: string): void {
    const who = session ? `${session.kind} ${session.name}` : `client ${client.id ?? '?'}`;
    this.log.warn(
      `violation:${session?.name ?? client.id}`,
      `${who} (${session?.info.remote ?? '?'}) disconnected: ${what}`,
    );
  }
}
