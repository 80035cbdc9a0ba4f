import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../lib/events';
import { EventBus } from '../../lib/server/bus';
import { ClusterLink } from '../../lib/server/scale/cluster';
import { Lease } from '../../lib/server/scale/lease';
import { bridgeBus } from '../../lib/server/scale/redis-bus';
import { openRedis } from '../../lib/server/scale/redis';
import { closeDatabase, openDatabase, type Db } from '../../lib/server/store/db';
import { until } from './support/client';
import { redisServerPath, startRedis, type RunningRedis } from './support/redis';

/**
 * The Redis pieces in one process against a real redis-server and one SQLite file opened twice (two
 * "instances"): the bus bridge's ordering under interleaved publishes, and the lease's hand-over.
 * The two-server test (scale-out.test.ts) covers the same through the real processes.
 */
describe.skipIf(redisServerPath() === null)('the bus and the lease across two links to Redis', () => {
  let redis: RunningRedis;
  let dir: string;
  const dbs: Db[] = [];
  const links: ClusterLink[] = [];
  const stops: (() => void)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-redis-bus-'));
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    for (const link of links) await link.close();
    for (const db of dbs) closeDatabase(db);
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function instance() {
    const db = openDatabase(dir);
    dbs.push(db);
    const bus = new EventBus(db);
    const link = new ClusterLink(redis.url, 0);
    links.push(link);
    await link.start();
    const bridge = bridgeBus(bus, link);
    stops.push(bridge.stop);
    const seen: AnyEnvelope[] = [];
    bus.subscribeBatch((events) => seen.push(...events));
    return { bus, link, seen, bridge };
  }

  it('hands every subscriber of both instances every durable event once, in id order', async () => {
    const a = await instance();
    const b = await instance();
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) {
      const bus = i % 3 === 0 ? b.bus : a.bus;
      ids.push(
        bus.publish('deploy-progress', { deployId: 'x', service: 'api', step: 's', percent: i % 100 }).id!,
      );
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    a.bus.publish('metrics-sample', { seq: 1, values: { cpu: 0.5 } });
    const durable = (seen: AnyEnvelope[]) => seen.filter((e) => e.id !== null).map((e) => e.id);
    await until(
      () => durable(a.seen).length >= 300 && durable(b.seen).length >= 300,
      10_000,
      'both to see 300',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(durable(a.seen)).toEqual(ids);
    expect(durable(b.seen)).toEqual(ids);
  });

  it('gives the lease to one holder, and to the other when it stops or stops renewing', async () => {
    const key = `signalboard:lease:test-${Date.now()}`;
    const options = { ttlMs: 1_000, renewMs: 300, tryMs: 100 };
    const held = { x: false, y: false };
    const cx = openRedis(redis.url, 'lease-x', 'brief');
    const cy = openRedis(redis.url, 'lease-y', 'brief');
    const lx = new Lease(cx, key, 'x', (h) => (held.x = h), options);
    const ly = new Lease(cy, key, 'y', (h) => (held.y = h), options);
    lx.start();
    await until(() => held.x, 5_000, 'x to hold');
    ly.start();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(held).toEqual({ x: true, y: false });
    expect(await ly.holder()).toBe('x');
    await lx.stop();
    await until(() => held.y, 2_000, 'y to take over at once after a release');

    // y loses Redis without releasing (as a killed process would): it stops counting itself the
    // holder once its TTL has run out, and x takes the lease when the key expires.
    const lx2 = new Lease(cx, key, 'x', (h) => (held.x = h), options);
    cy.disconnect();
    const lostAt = Date.now();
    lx2.start();
    await until(() => held.x, 5_000, 'x to take over after the TTL');
    expect(held.y).toBe(false);
    expect(Date.now() - lostAt).toBeGreaterThanOrEqual(500);
    await lx2.stop();
    await ly.stop();
    cx.disconnect();
  });
});
