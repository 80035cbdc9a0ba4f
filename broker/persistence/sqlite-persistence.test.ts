import assert from 'node:assert';
import abstractPersistence from 'aedes-persistence/abstract.js';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../lib/server/store/db';
import { MIGRATIONS } from '../../lib/server/store/migrations';
import { tempDb } from '../../lib/server/test-support';
import { SqlitePersistence } from './sqlite-persistence';

const opened: Db[] = [];

function freshDb(): Db {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  opened.push(db);
  return db;
}

afterAll(() => {
  for (const db of opened) db.close();
});

/** node:test's `t` as the abstract suite uses it: plan, assert and diagnostics. */
const nodeTestContext = { plan: () => undefined, diagnostic: () => undefined, assert };

describe('aedes-persistence abstract tests', () => {
  abstractPersistence({
    test: (name, fn) => it(name, () => fn(nodeTestContext)),
    persistence: () => new SqlitePersistence(freshDb(), { flushMs: 5 }),
    testAsync: true,
  });
});

const broker = () => ({ id: `broker-${Math.random().toString(36).slice(2)}`, counter: 0 });
const publish = (topic: string, text: string, extra: Record<string, unknown> = {}) => ({
  cmd: 'publish',
  topic,
  payload: Buffer.from(text),
  qos: 1 as const,
  retain: false,
  dup: false,
  brokerId: 'b1',
  brokerCounter: 7,
  ...extra,
});

describe('SqlitePersistence across a restart', () => {
  it('brings back retained messages, sessions, queued and in-flight messages, QoS 2 receipts and wills', async () => {
    const t = tempDb();
    try {
      const first = new SqlitePersistence(t.db);
      const b1 = broker();
      await first.setup(b1);
      await first.storeRetained({ ...publish('sensors/a/temperature', '21.5'), retain: true, qos: 0 });
      await first.storeRetained({ ...publish('sensors/a/old', 'x'), retain: true, qos: 0 });
      await first.storeRetained({ ...publish('sensors/a/old', ''), retain: true, qos: 0 });
      await first.addSubscriptions({ id: 'sub-1' }, [{ topic: 'sensors/#', qos: 1 }]);
      await first.outgoingEnqueueCombi([{ clientId: 'sub-1' }], publish('sensors/a/t', 'queued'));
      await first.outgoingEnqueueCombi(
        [{ clientId: 'sub-1' }],
        publish('sensors/a/t', 'in-flight', { brokerCounter: 8 }),
      );
      await first.outgoingUpdate(
        { id: 'sub-1' },
        { ...publish('sensors/a/t', 'in-flight', { brokerCounter: 8 }), messageId: 42 },
      );
      await first.incomingStorePacket(
        { id: 'pub-1' },
        { ...publish('sensors/a/q2', 'two'), qos: 2, messageId: 9 },
      );
      await first.putWill({ id: 'dev-1' }, { ...publish('sensors/a/status', 'offline'), retain: true });
      await first.destroy();

      const second = new SqlitePersistence(t.db);
      await second.setup(broker());
      const retained = await second.createRetainedStream('sensors/#').toArray();
      expect(
        retained.map((p: { topic: string; payload: Buffer }) => [p.topic, p.payload.toString()]),
      ).toEqual([['sensors/a/temperature', '21.5']]);
      expect(await second.subscriptionsByClient({ id: 'sub-1' })).toEqual([{ topic: 'sensors/#', qos: 1 }]);
      expect((await second.subscriptionsByTopic('sensors/a/t')).map((s) => s.clientId)).toEqual(['sub-1']);
      const queued = await second.outgoingStream({ id: 'sub-1' }).toArray();
      expect(
        queued.map((p: { payload: Buffer; messageId?: number }) => [p.payload.toString(), p.messageId]),
      ).toEqual([
        ['queued', undefined],
        ['in-flight', 42],
      ]);
      const receipt = await second.incomingGetPacket({ id: 'pub-1' }, { cmd: 'publish', messageId: 9 });
      expect(receipt.payload?.toString()).toBe('two');
      // The will keeps the id of the broker that stored it, so the new broker sees it as orphaned.
      const wills = await second.streamWill({ [b1.id]: Date.now() }).toArray();
      expect(wills).toHaveLength(0);
      const orphaned = await second.streamWill({}).toArray();
      expect(orphaned.map((w: { clientId: string; brokerId: string }) => [w.clientId, w.brokerId])).toEqual([
        ['dev-1', b1.id],
      ]);
      // Acknowledging the in-flight message removes it for good.
      await second.outgoingClearMessageId({ id: 'sub-1' }, { cmd: 'publish', messageId: 42 });
      await second.destroy();
      const third = new SqlitePersistence(t.db);
      await third.setup(broker());
      expect((await third.outgoingStream({ id: 'sub-1' }).toArray()).length).toBe(1);
      await third.destroy();
    } finally {
      t.cleanup();
    }
  });

  it('bounds an offline client queue, dropping the oldest message not in flight', async () => {
    const db = freshDb();
    const p = new SqlitePersistence(db, { maxQueuedPerClient: 3 });
    await p.setup(broker());
    for (let i = 1; i <= 5; i++) {
      await p.outgoingEnqueue({ clientId: 'c' }, publish('t', `m${i}`, { brokerCounter: i }));
    }
    const queued = await p.outgoingStream({ id: 'c' }).toArray();
    expect(queued.map((x: { payload: Buffer }) => x.payload.toString())).toEqual(['m3', 'm4', 'm5']);
    expect(p.droppedQueued).toBe(2);
    p.flush();
    expect(db.prepare('SELECT COUNT(*) FROM mqtt_outgoing').pluck().get()).toBe(3);
    await p.destroy();
  });
});
