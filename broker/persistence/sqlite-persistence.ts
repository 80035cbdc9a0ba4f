import { Readable } from 'node:stream';
import MemoryPersistence, {
  type PersistenceClient,
  type StoredPacket,
  type StoredSubscription,
} from 'aedes-persistence/asyncPersistence.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../lib/server/store';
import { Journal } from './journal';
import { decodePacket, encodePacket, queuedCopy } from './packet-codec';

export interface SqlitePersistenceOptions {
  /** Write-behind interval (ms): the most a crash can lose. */
  flushMs?: number;
  /** Messages queued for one offline client; past it the oldest not in flight is dropped. */
  maxQueuedPerClient?: number;
}

interface QueuedEntry {
  packet: StoredPacket;
  row: number;
}

interface Row {
  packet: string;
  payload: Buffer;
}

/**
 * aedes persistence in SQLite: retained messages, sessions (subscriptions of clean = false clients),
 * queued and in-flight messages, QoS 2 receipts and wills survive a restart. Reads come from memory
 * (aedes-persistence's own in-memory implementation, whose topic tries match subscriptions); every
 * change is also journaled to SQLite (see Journal) and loaded back in `setup()`.
 *
 * The outgoing queues and the wills are kept here rather than in the memory base: a queued row needs
 * its SQLite id, and a will restored after a restart must keep the id of the broker that stored it,
 * so that aedes publishes it once that broker is known dead.
 */
export class SqlitePersistence extends MemoryPersistence {
  private readonly journal: Journal;
  private readonly outgoing = new Map<string, QueuedEntry[]>();
  private readonly wills = new Map<string, StoredPacket>();
  private readonly maxQueued: number;
  private nextRow = 1;
  private restoring = false;
  /** Queued messages dropped because their client's queue was full. */
  droppedQueued = 0;

  constructor(
    private readonly db: Db,
    options: SqlitePersistenceOptions = {},
  ) {
    super();
    this.journal = new Journal(db, options.flushMs ?? 50);
    this.maxQueued = options.maxQueuedPerClient ?? 1_000;
  }

  override async setup(broker: unknown): Promise<void> {
    await super.setup(broker);
    this.restoring = true;
    try {
      await this.restore();
    } finally {
      this.restoring = false;
    }
  }

  /** Writes what is pending now (shutdown, tests). */
  flush(): void {
    this.journal.flush();
  }

  override async destroy(): Promise<void> {
    this.journal.close();
    await super.destroy();
  }

  // --- retained -------------------------------------------------------------------------------

  override async storeRetained(packet: StoredPacket): Promise<void> {
    await super.storeRetained(packet);
    if (this.restoring || !packet.topic) return;
    const topic = packet.topic;
    if (!packet.payload || packet.payload.length === 0) {
      this.journal.pushRetained(topic, () => this.run('DELETE FROM mqtt_retained WHERE topic = ?', topic));
      return;
    }
    const copy = { ...packet };
    this.journal.pushRetained(topic, () => {
      const { json, payload } = encodePacket(copy);
      this.run(
        'INSERT OR REPLACE INTO mqtt_retained (topic, packet, payload) VALUES (?, ?, ?)',
        topic,
        json,
        payload,
      );
    });
  }

  // --- subscriptions --------------------------------------------------------------------------

  override async addSubscriptions(client: PersistenceClient, subs: StoredSubscription[]): Promise<void> {
    await super.addSubscriptions(client, subs);
    if (this.restoring) return;
    const rows = subs.map((s) => [s.topic, JSON.stringify({ ...s, topic: undefined })] as const);
    this.journal.push(() => {
      for (const [topic, options] of rows) {
        this.run(
          'INSERT OR REPLACE INTO mqtt_subscriptions (client_id, topic, options) VALUES (?, ?, ?)',
          client.id,
          topic,
          options,
        );
      }
    });
  }

  override async removeSubscriptions(client: PersistenceClient, topics: string[]): Promise<void> {
    await super.removeSubscriptions(client, topics);
    const list = [...topics];
    this.journal.push(() => {
      for (const topic of list) {
        this.run('DELETE FROM mqtt_subscriptions WHERE client_id = ? AND topic = ?', client.id, topic);
      }
    });
  }

  override async cleanSubscriptions(client: PersistenceClient): Promise<void> {
    await super.cleanSubscriptions(client);
    this.journal.push(() => this.run('DELETE FROM mqtt_subscriptions WHERE client_id = ?', client.id));
  }

  // --- outgoing queues ------------------------------------------------------------------------

  override async outgoingEnqueue(sub: { clientId: string }, packet: StoredPacket): Promise<void> {
    this.enqueue(sub.clientId, packet);
  }

  override async outgoingEnqueueCombi(subs: { clientId: string }[], packet: StoredPacket): Promise<void> {
    for (const sub of subs) this.enqueue(sub.clientId, packet);
  }

  /**
   * Records the message id a queued packet was sent with (found by broker id and counter), or
   * replaces the packet that has this message id (PUBREL taking a PUBLISH's place in QoS 2).
   */
  override async outgoingUpdate(client: PersistenceClient, packet: StoredPacket): Promise<void> {
    const queue = this.queueOf(client.id);
    for (const entry of queue) {
      const queued = entry.packet;
      if (queued.brokerId === packet.brokerId) {
        if (queued.brokerCounter === packet.brokerCounter) {
          queued.messageId = packet.messageId;
          this.journalRow(client.id, entry);
          return;
        }
        // Message ids wrap at 65535; the counter tells packets apart, so keep looking.
      } else if (queued.messageId === packet.messageId) {
        entry.packet = packet;
        this.journalRow(client.id, entry);
        return;
      }
    }
    throw new Error('no such packet');
  }

  override async outgoingClearMessageId(
    client: PersistenceClient,
    packet: StoredPacket,
  ): Promise<StoredPacket | undefined> {
    const queue = this.queueOf(client.id);
    const index = queue.findIndex((entry) => entry.packet.messageId === packet.messageId);
    if (index < 0) return undefined;
    const [entry] = queue.splice(index, 1);
    if (!this.restoring)
      this.journal.push(() => this.run('DELETE FROM mqtt_outgoing WHERE id = ?', entry!.row));
    return entry!.packet;
  }

  override outgoingStream(client: PersistenceClient): Readable {
    return Readable.from(this.queueOf(client.id).map((entry) => entry.packet));
  }

  // --- incoming QoS 2 -------------------------------------------------------------------------

  override async incomingStorePacket(client: PersistenceClient, packet: StoredPacket): Promise<void> {
    await super.incomingStorePacket(client, packet);
    if (this.restoring) return;
    const stored = await super.incomingGetPacket(client, packet);
    this.journal.push(() => {
      const { json, payload } = encodePacket(stored);
      this.run(
        'INSERT OR REPLACE INTO mqtt_incoming (client_id, message_id, packet, payload) VALUES (?, ?, ?, ?)',
        client.id,
        packet.messageId,
        json,
        payload,
      );
    });
  }

  override async incomingDelPacket(client: PersistenceClient, packet: StoredPacket): Promise<void> {
    await super.incomingDelPacket(client, packet);
    this.journal.push(() =>
      this.run(
        'DELETE FROM mqtt_incoming WHERE client_id = ? AND message_id = ?',
        client.id,
        packet.messageId,
      ),
    );
  }

  override async cleanIncoming(client: PersistenceClient): Promise<void> {
    await super.cleanIncoming(client);
    this.journal.push(() => this.run('DELETE FROM mqtt_incoming WHERE client_id = ?', client.id));
  }

  // --- wills ----------------------------------------------------------------------------------

  override async putWill(client: PersistenceClient, packet: StoredPacket): Promise<void> {
    packet.brokerId = this.broker?.id;
    packet.clientId = client.id;
    this.wills.set(client.id, packet);
    if (this.restoring) return;
    this.journal.push(() => {
      const { json, payload } = encodePacket(packet);
      this.run(
        'INSERT OR REPLACE INTO mqtt_wills (client_id, packet, payload) VALUES (?, ?, ?)',
        client.id,
        json,
        payload,
      );
    });
  }

  override async getWill(client: PersistenceClient): Promise<StoredPacket | undefined> {
    return this.wills.get(client.id);
  }

  override async delWill(client: PersistenceClient): Promise<StoredPacket | undefined> {
    const will = this.wills.get(client.id);
    this.wills.delete(client.id);
    this.journal.push(() => this.run('DELETE FROM mqtt_wills WHERE client_id = ?', client.id));
    return will;
  }

  /** Wills of brokers not in `brokers` (the ones known alive): aedes publishes these. */
  override streamWill(brokers: Record<string, number> = {}): Readable {
    return Readable.from([...this.wills.values()].filter((will) => !brokers[will.brokerId ?? '']));
  }

  // --- internals ------------------------------------------------------------------------------

  private enqueue(clientId: string, original: StoredPacket): void {
    let queue = this.outgoing.get(clientId);
    if (!queue) this.outgoing.set(clientId, (queue = []));
    if (queue.length >= this.maxQueued) {
      // Bounded like Mosquitto's max_queued_messages: the oldest message not yet in flight goes.
      const victim = queue.findIndex((entry) => entry.packet.messageId === undefined);
      if (victim >= 0) {
        const [dropped] = queue.splice(victim, 1);
        this.droppedQueued++;
        this.journal.push(() => this.run('DELETE FROM mqtt_outgoing WHERE id = ?', dropped!.row));
      }
    }
    const entry = { packet: queuedCopy(original), row: this.nextRow++ };
    queue.push(entry);
    if (!this.restoring) {
      this.journal.push(() => {
        const { json, payload } = encodePacket(entry.packet);
        this.run(
          'INSERT INTO mqtt_outgoing (id, client_id, packet, payload) VALUES (?, ?, ?, ?)',
          entry.row,
          clientId,
          json,
          payload,
        );
      });
    }
  }

  private journalRow(clientId: string, entry: QueuedEntry): void {
    if (this.restoring) return;
    this.journal.push(() => {
      const { json, payload } = encodePacket(entry.packet);
      this.run(
        'UPDATE mqtt_outgoing SET packet = ?, payload = ? WHERE id = ? AND client_id = ?',
        json,
        payload,
        entry.row,
        clientId,
      );
    });
  }

  private queueOf(clientId: string): QueuedEntry[] {
    let queue = this.outgoing.get(clientId);
    if (!queue) this.outgoing.set(clientId, (queue = []));
    return queue;
  }

  private readonly statements = new Map<string, Statement<unknown[]>>();

  private run(sql: string, ...params: (string | number | Buffer | null | undefined)[]): void {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare<unknown[]>(sql)));
    statement.run(...params);
  }

  private async restore(): Promise<void> {
    const db = this.db;
    for (const row of db.prepare('SELECT packet, payload FROM mqtt_retained').all() as Row[]) {
      await super.storeRetained(decodePacket(row.packet, row.payload));
    }
    const subs = db
      .prepare('SELECT client_id, topic, options FROM mqtt_subscriptions ORDER BY client_id')
      .all() as {
      client_id: string;
      topic: string;
      options: string;
    }[];
    const byClient = new Map<string, StoredSubscription[]>();
    for (const row of subs) {
      const list = byClient.get(row.client_id) ?? [];
      list.push({ ...(JSON.parse(row.options) as Omit<StoredSubscription, 'topic'>), topic: row.topic });
      byClient.set(row.client_id, list);
    }
    for (const [id, list] of byClient) await super.addSubscriptions({ id }, list);

    const queued = db
      .prepare('SELECT id, client_id, packet, payload FROM mqtt_outgoing ORDER BY id')
      .all() as (Row & {
      id: number;
      client_id: string;
    })[];
    for (const row of queued) {
      // Restored as stored, message id included: an in-flight QoS 1/2 message is resent with it.
      this.queueOf(row.client_id).push({ packet: decodePacket(row.packet, row.payload), row: row.id });
      this.nextRow = Math.max(this.nextRow, row.id + 1);
    }
    const incoming = db.prepare('SELECT client_id, packet, payload FROM mqtt_incoming').all() as (Row & {
      client_id: string;
    })[];
    for (const row of incoming)
      await super.incomingStorePacket({ id: row.client_id }, decodePacket(row.packet, row.payload));
    for (const row of db.prepare('SELECT client_id, packet, payload FROM mqtt_wills').all() as (Row & {
      client_id: string;
    })[]) {
      this.wills.set(row.client_id, decodePacket(row.packet, row.payload));
    }
  }
}
