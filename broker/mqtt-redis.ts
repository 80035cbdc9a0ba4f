import { Readable } from 'node:stream';
import RedisPersistence from 'aedes-persistence-redis/asyncPersistence.js';
import MQEmitterRedis from 'mqemitter-redis';
import { openRedis } from '../lib/server/scale/redis';

/** Offline messages for a persistent session are kept one day in Redis, and 1,000 at most are resent. */
const OFFLINE_TTL_SECONDS = 24 * 3600;
const MAX_SESSION_DELIVERY = 1_000;

export interface RedisMqttParts {
  mq: unknown;
  persistence: unknown;
  close(): Promise<void>;
}

/**
 * What makes the embedded brokers of several instances one broker (REDIS_URL set): mqemitter-redis
 * routes every publish through Redis pub/sub to the subscribers of every instance, and
 * aedes-persistence-redis keeps retained messages, subscriptions of persistent sessions, offline
 * messages and wills in Redis, so a device may reconnect to any instance. The connections queue
 * commands only briefly while Redis is away (see scale/redis.ts).
 */
export function redisMqttParts(url: string, concurrency: number): RedisMqttParts {
  const pubConn = openRedis(url, 'mqtt-publish', 'brief');
  const subConn = openRedis(url, 'mqtt-subscribe', 'brief');
  const store = openRedis(url, 'mqtt-store', 'brief');
  const mq = new (
    MQEmitterRedis as unknown as new (options: object) => {
      close(cb: () => void): void;
      state: NodeJS.EventEmitter;
    }
  )({ pubConn, subConn, concurrency });
  // Its connections' errors come out here too; unheard, an 'error' event would end the process. The
  // connections log their own state (scale/redis.ts) and reconnect.
  mq.state.on('error', () => undefined);
  const persistence = new RedisPersistence({
    conn: store,
    maxSessionDelivery: MAX_SESSION_DELIVERY,
    packetTTL: () => OFFLINE_TTL_SECONDS,
  });
  // aedes 1.x pipes the retained messages of a SUBSCRIBE (`.pipe`), which this version of the Redis
  // persistence returns as an async generator: a new subscriber got no retained message at all.
  const retained = persistence.createRetainedStreamCombi.bind(persistence);
  persistence.createRetainedStreamCombi = (patterns: string[]) => Readable.from(retained(patterns));
  return {
    mq,
    persistence,
    async close() {
      // The broker's queue is closed by now; give the persistence's unsubscribe a moment at most.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        persistence.destroy().catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, 1_000))),
      ]);
      clearTimeout(timer);
      for (const redis of [pubConn, subConn, store]) redis.disconnect();
    },
  };
}
