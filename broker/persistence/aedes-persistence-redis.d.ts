/**
 * Types for the async Redis persistence of aedes-persistence-redis (its package main is the callback
 * facade, which aedes 1.x does not take; the async class is what aedes 1.x calls).
 */
declare module 'aedes-persistence-redis/asyncPersistence.js' {
  import type { Redis } from 'ioredis';

  export interface RedisPersistenceOptions {
    conn?: Redis;
    /** Offline messages handed to a client on CONNECT at most. */
    maxSessionDelivery?: number;
    /** Seconds an offline message is kept (0: forever). */
    packetTTL?: (packet: unknown) => number;
  }

  export default class AsyncRedisPersistence {
    constructor(options?: RedisPersistenceOptions);
    setup(broker: unknown): Promise<void>;
    /** An async generator in this version; aedes 1.x pipes what it returns (see mqtt-redis.ts). */
    createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown>;
    destroy(): Promise<void>;
  }
}
