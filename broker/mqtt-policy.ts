import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import { SENSORS_ROOT, filterWithin, topicWithin } from '../lib/events/mqtt-topics';
import type { Principal } from '../lib/server/auth/request-auth';
import { RateLimiter } from '../lib/server/auth/rate-limit';
import { verifyDevice } from '../lib/server/devices/credentials';
import type { RejectionReason } from '../lib/server/sensors/payload';
import type { Db } from '../lib/server/store';
import { MessageBucket, type MqttLimits } from './mqtt-limits';
import type { V5Adapter } from './mqtt5-adapter';
import { REASON } from './mqtt5-translate';

/** How a connection reached the broker, recorded by the listener before aedes sees it. */
export interface ConnectionInfo {
  transport: 'tcp' | 'tls' | 'ws';
  remote: string;
  /** Set for MQTT over WebSocket opened with a browser session (checked at the upgrade). */
  principal: Principal | null;
  v5: V5Adapter | null;
}

/** Who an authenticated client is, and what it has used of its limits. */
export interface ClientSession {
  kind: 'device' | 'browser';
  /** The device id, or the signed-in user's name. */
  name: string;
  /** The device's topic subtree; browsers read `sensors/#` and publish nothing. */
  prefix: string | null;
  bucket: MessageBucket | null;
  subscriptions: Set<string>;
  info: ConnectionInfo;
  /** Why the broker closed the connection, when it did (for the device list and the log). */
  closeReason: string | null;
  /** Whether the client left a last will (known at CONNECT; aedes clears it before disconnecting). */
  hasWill: boolean;
}

export interface PolicyHooks {
  /** A message refused or dropped, counted and shown with its reason. */
  reject(reason: RejectionReason, detail: string, deviceId: string | null, topic: string | null): void;
  /** A client is being disconnected for breaking a limit; logged by the caller. */
  violation(client: Client, session: ClientSession | null, reason: RejectionReason, detail: string): void;
}

/** An authentication refusal; aedes answers CONNACK with `returnCode` (4 bad credentials, 5 not authorized). */
function authError(returnCode: 4 | 5, message: string): AuthenticateError {
  const error = new Error(message) as Error & { returnCode: number };
  error.returnCode = returnCode;
  return error;
}

/**
 * aedes' authenticate and authorize hooks: device credentials or a browser session, each device
 * confined to its own topic subtree, browsers read-only under `sensors/`, and per-client limits.
 * Hooks never throw; they call back with an error (which closes the connection) or a refusal.
 */
export class MqttPolicy {
  readonly sessions = new WeakMap<Client, ClientSession>();
  readonly connections = new WeakMap<object, ConnectionInfo>();
  private readonly failures: RateLimiter;

  constructor(
    private readonly db: Db,
    private readonly limits: MqttLimits,
    private readonly hooks: PolicyHooks,
    /** Where refused 3.1.1 publishes go instead: a `$SYS` topic no client may subscribe to. */
    private readonly discardTopic: string,
  ) {
    this.failures = new RateLimiter(limits.authFailuresPerMinute, 60_000);
  }

  session(client: Client | null): ClientSession | null {
    return (client && this.sessions.get(client)) ?? null;
  }

  authenticate = (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void => {
    const info = this.connections.get(client.conn) ?? {
      transport: 'tcp',
      remote: 'unknown',
      principal: null,
      v5: null,
    };
    const will = (client as unknown as { _will?: { topic: string } | null })._will;
    if (info.principal) {
      // The session cookie was checked at the upgrade; a browser only reads.
      if (will) return done(authError(5, 'browsers connect read-only: no last will'), false);
      this.sessions.set(client, this.newSession('browser', info.principal.user.username, null, null, info));
      return done(null, true);
    }
    if (!username || !password)
      return done(authError(5, 'anonymous access is off: connect with a device id and password'), false);
    if (this.failures.retryAfter(info.remote) > 0) {
      return done(authError(5, `too many failed logins from ${info.remote}; try again in a minute`), false);
    }
    verifyDevice(this.db, username, password.toString('utf8'))
      .then((result) => {
        if (!result.ok) {
          this.failures.hit(info.remote);
          const message =
            result.reason === 'revoked' ? 'device credentials revoked' : 'bad device id or password';
          return done(authError(result.reason === 'revoked' ? 5 : 4, message), false);
        }
        const { device } = result;
        if (will && !topicWithin(device.topicPrefix, will.topic)) {
          this.hooks.reject(
            'not-authorized',
            `last will on ${will.topic} is outside ${device.topicPrefix}`,
            device.id,
            will.topic,
          );
          return done(authError(5, `last will must be under ${device.topicPrefix}`), false);
        }
        const rate = device.rateLimit ?? this.limits.ratePerSecond;
        const bucket = new MessageBucket(rate, Math.max(1, rate * this.limits.burstSeconds));
        this.sessions.set(client, this.newSession('device', device.id, device.topicPrefix, bucket, info));
        done(null, true);
      })
      .catch((error: unknown) => {
        console.error('[mqtt] checking device credentials failed:', error);
        done(authError(5, 'credentials could not be checked'), false);
      });
  };

  authorizePublish = (
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void => {
    // Wills of clients from a broker that died (restored from the store) have no client: allowed,
    // they were checked when stored.
    if (!client) return done(null);
    const session = this.sessions.get(client);
    if (!session) return done(new Error('not authenticated'));
    const isWill = client.closed;
    if (packet.topic.length > this.limits.maxTopicLength) {
      return this.breach(
        client,
        session,
        'topic-too-long',
        `topic of ${packet.topic.length} characters`,
        REASON.topicNameInvalid,
        done,
      );
    }
    const size = packet.payload?.length ?? 0;
    if (size > this.limits.maxPacketBytes) {
      return this.breach(
        client,
        session,
        'too-large',
        `payload of ${size} bytes`,
        REASON.packetTooLarge,
        done,
      );
    }
    if (!isWill && session.bucket && !session.bucket.take()) {
      return this.breach(
        client,
        session,
        'rate-limit',
        `over ${session.bucket.perSecond} messages/s`,
        REASON.messageRateTooHigh,
        done,
      );
    }
    const allowed =
      session.kind === 'device' && session.prefix !== null && topicWithin(session.prefix, packet.topic);
    if (allowed) return done(null);
    const detail =
      session.kind === 'browser'
        ? 'browsers are read-only'
        : `${packet.topic.slice(0, 120)} is outside ${session.prefix ?? 'its subtree'}`;
    this.hooks.reject(
      'not-authorized',
      detail,
      session.kind === 'device' ? session.name : null,
      packet.topic,
    );
    // MQTT 3.1.1 cannot say no to a publish [MQTT-3.3.5-2]: acknowledge it and drop it. The message
    // goes to a `$SYS` topic nobody may subscribe to, not retained; an MQTT 5 client gets its PUBACK
    // or PUBREC with "not authorized" (0x87) from the adapter instead.
    session.info.v5?.refuse(packet.messageId);
    packet.topic = this.discardTopic;
    packet.retain = false;
    done(null);
  };

  authorizeSubscribe = (
    client: Client,
    sub: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void => {
    const session = this.sessions.get(client);
    if (!session) return done(new Error('not authenticated'));
    if (sub.topic.length > this.limits.maxTopicLength) {
      return this.breach(
        client,
        session,
        'topic-too-long',
        `filter of ${sub.topic.length} characters`,
        REASON.topicNameInvalid,
        done,
      );
    }
    const allowed =
      session.kind === 'browser'
        ? sub.topic.startsWith(`${SENSORS_ROOT}/`)
        : session.prefix !== null && filterWithin(session.prefix, sub.topic);
    if (!allowed) {
      this.hooks.reject(
        'not-authorized',
        `subscription to ${sub.topic.slice(0, 120)} refused`,
        session.kind === 'device' ? session.name : null,
        sub.topic,
      );
      // SUBACK failure (0x80) [MQTT-3.9.3]: the connection stays open.
      return done(null, null);
    }
    session.subscriptions.add(sub.topic);
    if (session.subscriptions.size > this.limits.maxSubscriptions) {
      return this.breach(
        client,
        session,
        'too-many-subscriptions',
        `more than ${this.limits.maxSubscriptions} subscriptions`,
        REASON.quotaExceeded,
        done,
      );
    }
    done(null, sub);
  };

  /** A client broke a limit: counted, logged, and disconnected by calling back with an error. */
  private breach(
    client: Client,
    session: ClientSession,
    reason: RejectionReason,
    detail: string,
    v5Reason: number,
    done: (error: Error) => void,
  ): void {
    session.closeReason = detail;
    session.info.v5?.setDisconnectReason(v5Reason);
    this.hooks.reject(reason, detail, session.kind === 'device' ? session.name : null, null);
    this.hooks.violation(client, session, reason, detail);
    done(new Error(`${reason}: ${detail}`));
  }

  private newSession(
    kind: ClientSession['kind'],
    name: string,
    prefix: string | null,
    bucket: MessageBucket | null,
    info: ConnectionInfo,
  ): ClientSession {
    return { kind, name, prefix, bucket, subscriptions: new Set(), info, closeReason: null, hasWill: false };
  }
}
