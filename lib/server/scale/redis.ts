import 'server-only';
import { Redis, type RedisOptions } from 'ioredis';

/** What a Redis connection may do while Redis is away. */
export type QueueMode =
  /** Commands fail at once while disconnected (the caller has another way to catch up). */
  | 'fail-fast'
  /** Commands wait for the reconnect, at most `MAX_RETRIES` attempts (≤ a few seconds), then fail. */
  | 'brief';

const MAX_RETRIES = 3;
const MAX_BACKOFF_MS = 2_000;

/**
 * Opens one Redis connection for a part of Signalboard. Every connection retries forever with a
 * capped backoff and logs its state changes once (not on every failed attempt); what it buffers is
 * bounded: a fail-fast connection queues nothing offline, a brief one gives up on a command after a
 * few reconnect attempts, so an absent Redis never grows memory.
 */
export function openRedis(url: string, name: string, mode: QueueMode): Redis {
  const options: RedisOptions = {
    connectionName: `signalboard-${name}`,
    lazyConnect: false,
    enableOfflineQueue: mode === 'brief',
    maxRetriesPerRequest: mode === 'brief' ? MAX_RETRIES : 0,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), MAX_BACKOFF_MS),
    // Subscriptions come back after a reconnect (mqemitter-redis relies on it; the cluster link
    // subscribes again itself as well, which Redis takes as a no-op).
    autoResubscribe: true,
  };
  const redis = new Redis(url, options);
  let down: string | null = null;
  redis.on('error', (error: Error) => {
    const reason = error.message.slice(0, 200);
    if (down === reason) return;
    down = reason;
    console.error(`[redis] ${name}: ${reason} (retrying)`);
  });
  redis.on('ready', () => {
    if (down !== null) console.log(`[redis] ${name}: connected again`);
    down = null;
  });
  return redis;
}

/** Hides the password of a Redis URL for logs and status pages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable)';
  }
}
