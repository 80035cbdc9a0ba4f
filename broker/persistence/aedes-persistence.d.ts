/**
 * Types for the in-memory async persistence that aedes-persistence ships (its package types only
 * describe the callback facade). The SQLite persistence extends it.
 */
declare module 'aedes-persistence/asyncPersistence.js' {
  import type { Readable } from 'node:stream';

  export interface StoredPacket {
    cmd: string;
    brokerId?: string;
    brokerCounter?: number;
    topic?: string;
    payload?: Buffer;
    qos?: 0 | 1 | 2;
    retain?: boolean;
    dup?: boolean;
    messageId?: number;
    clientId?: string;
    [key: string]: unknown;
  }

  export interface StoredSubscription {
    topic: string;
    qos: 0 | 1 | 2;
    rh?: number;
    rap?: boolean;
    nl?: boolean;
    subscriptionIdentifier?: number;
  }

  export interface PersistenceClient {
    id: string;
  }

  export default class MemoryPersistence {
    constructor(opts?: Record<string, unknown>);
    readonly broker: { id: string; counter: number } | undefined;
    setup(broker: unknown): Promise<void>;
    storeRetained(packet: StoredPacket): Promise<void>;
    createRetainedStream(pattern: string): Readable;
    createRetainedStreamCombi(patterns: string[]): Readable;
    addSubscriptions(client: PersistenceClient, subs: StoredSubscription[]): Promise<void>;
    removeSubscriptions(client: PersistenceClient, topics: string[]): Promise<void>;
    subscriptionsByClient(client: PersistenceClient): Promise<StoredSubscription[]>;
    countOffline(): Promise<{ subsCount: number; clientsCount: number }>;
    subscriptionsByTopic(topic: string): Promise<(StoredSubscription & { clientId: string })[]>;
    cleanSubscriptions(client: PersistenceClient): Promise<void>;
    outgoingEnqueue(sub: { clientId: string }, packet: StoredPacket): Promise<void>;
    outgoingEnqueueCombi(subs: { clientId: string }[], packet: StoredPacket): Promise<void>;
    outgoingUpdate(client: PersistenceClient, packet: StoredPacket): Promise<void>;
    outgoingClearMessageId(
      client: PersistenceClient,
      packet: StoredPacket,
    ): Promise<StoredPacket | undefined>;
    outgoingStream(client: PersistenceClient): Readable;
    incomingStorePacket(client: PersistenceClient, packet: StoredPacket): Promise<void>;
    incomingGetPacket(client: PersistenceClient, packet: StoredPacket): Promise<StoredPacket>;
    incomingDelPacket(client: PersistenceClient, packet: StoredPacket): Promise<void>;
    cleanIncoming(client: PersistenceClient): Promise<void>;
    putWill(client: PersistenceClient, packet: StoredPacket): Promise<void>;
    getWill(client: PersistenceClient): Promise<StoredPacket | undefined>;
    delWill(client: PersistenceClient): Promise<StoredPacket | undefined>;
    streamWill(brokers?: Record<string, number>): Readable;
    getClientList(topic: string): Readable;
    destroy(): Promise<void>;
  }
}

declare module 'aedes-persistence/abstract.js' {
  const abstractPersistence: (opts: {
    test: (name: string, fn: (t: unknown) => Promise<void> | void) => void;
    persistence: () => unknown;
    testAsync?: boolean;
  }) => void;
  export default abstractPersistence;
}
