import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmKey } from '../../lib/events/chat-frames';
import { ChatSocket, clientId, createUser } from './support/chat-socket';
import { loginCookie, openSse, progressEvent, publish, until } from './support/client';
import {
  ROOM_201,
  ROOM_202,
  connectClient,
  deviceOptions,
  nextMessage,
  startMqttServer,
  type MqttServer,
} from './support/mqtt';
import { REDIS_REQUIRED, redisServerPath, startRedis, type RunningRedis } from './support/redis';

/**
 * Two real instances (dist/server.js) on different ports, one DATA_DIR and one private redis-server:
 * what one instance receives reaches the SSE, WebSocket and MQTT clients of the other; killing one
 * loses no durable event for a client that resumes on the other, and its monitors move.
 */
const hasRedis = redisServerPath() !== null;
if (!hasRedis) {
  console.warn(
    `[scale-out] ${REDIS_REQUIRED ? 'FAILING' : 'skipping'}: redis-server not found (Debian redis-server)`,
  );
}

describe('scale-out prerequisites', () => {
  it.runIf(REDIS_REQUIRED)('has redis-server (required in CI)', () => {
    expect(hasRedis, 'redis-server missing: run scripts/install-system-deps.sh').toBe(true);
  });
});

interface Ready {
  ok: boolean;
  checks: Record<string, { ok: boolean }>;
  cluster?: { instance: string; monitorsRunHere: boolean; monitorsHolder: string | null };
}

async function ready(base: string): Promise<Ready> {
  return (await (await fetch(`${base}/api/ready`)).json()) as Ready;
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasRedis)('several instances on one Redis and one store', () => {
  let redis: RunningRedis;
  let a: MqttServer;
  let b: MqttServer;
  let cookieA: string;
  let cookieB: string;
  let target: http.Server;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    target = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const env = { REDIS_URL: redis.url };
    a = await startMqttServer({ devices: [ROOM_201, ROOM_202], env });
    // A starts first and takes the monitors lease; B shares its store.
    await waitFor(async () => (await ready(a.base)).cluster?.monitorsRunHere, 15_000, 'A to hold the lease');
    b = await startMqttServer({ devices: [ROOM_201, ROOM_202], dataDir: a.dataDir, env });
    await waitFor(async () => (await ready(b.base)).ok, 15_000, 'B to be ready');
    cookieA = await loginCookie(a.base);
    cookieB = await loginCookie(b.base);
  });

  afterAll(async () => {
    for (const close of closers) close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    target?.close();
  });

  it('reports Redis and the lease holder in /api/ready', async () => {
    const [ra, rb] = [await ready(a.base), await ready(b.base)];
    expect(ra.checks.redis?.ok).toBe(true);
    expect(rb.checks.redis?.ok).toBe(true);
    expect(ra.cluster!.instance).not.toBe(rb.cluster!.instance);
    expect(ra.cluster!.monitorsRunHere).toBe(true);
    expect(rb.cluster!.monitorsRunHere).toBe(false);
    expect(rb.cluster!.monitorsHolder).toBe(ra.cluster!.instance);
  });

  it('delivers an event published on A to an SSE client of B, with the same id', async () => {
    const sse = openSse(b.base, '/api/events?streams=deploys', { cookie: cookieB });
    closers.push(sse.close);
    await until(() => sse.messages.some((m) => m.event === 'hello'));
    const [id] = await publish(a.base, cookieA, [progressEvent(42, 'from A')]);
    await until(() => sse.ids().includes(id!), 5_000, 'the event on B');
    const got = sse.messages.find((m) => Number(m.id) === id)!;
    expect(got.event).toBe('deploy-progress');
    expect(JSON.parse(got.data)).toMatchObject({ percent: 42, message: 'from A' });
    sse.close();
  });

  it('delivers chat messages, direct messages and presence between users on different instances', async () => {
    await createUser(a.base, cookieA, { username: 'bob', password: 'bob-password-1', role: 'viewer' });
    const bob = await loginCookie(b.base, 'bob', 'bob-password-1');
    const onA = await ChatSocket.open(a.base, cookieA);
    const onB = await ChatSocket.open(b.base, bob);
    closers.push(
      () => onA.ws.terminate(),
      () => onB.ws.terminate(),
    );
    // Presence crosses instances: admin (on A) sees bob (on B) arrive.
    await onA.next('presence', (f) => f.changes.some((c) => c.user === 'bob' && c.status === 'online'));

    const id = clientId();
    onA.send({ type: 'send', clientId: id, channel: 'ops', text: 'hello from instance A' });
    const ack = await onA.next('ack', (f) => f.clientId === id);
    const got = await onB.next('message', (f) => f.message.id === ack.id, 5_000);
    expect(got.message).toMatchObject({ channel: 'ops', user: 'admin', text: 'hello from instance A' });

    onA.send({ type: 'open-dm', user: 'bob' });
    const key = dmKey('admin', 'bob');
    await onB.next('channel', (f) => f.channel.key === key, 5_000);
    const dmId = clientId();
    onA.send({ type: 'send', clientId: dmId, channel: key, text: 'just between us' });
    const dmAck = await onA.next('ack', (f) => f.clientId === dmId);
    const dm = await onB.next('message', (f) => f.message.id === dmAck.id, 5_000);
    expect(dm.message).toMatchObject({ channel: key, text: 'just between us' });

    await onB.close();
    await onA.next('presence', (f) => f.changes.some((c) => c.user === 'bob' && c.status === 'offline'));
    await onA.close();
  });

  it('routes an MQTT publish to A to a subscriber on B, and shares retained messages', async () => {
    const subscriber = await connectClient(b.mqttUrl, deviceOptions(ROOM_202));
    const device = await connectClient(a.mqttUrl, deviceOptions(ROOM_202));
    closers.push(
      () => subscriber.end(true),
      () => device.end(true),
    );
    await subscriber.subscribeAsync(`${ROOM_202.topicPrefix}/#`, { qos: 1 });
    const live = nextMessage(subscriber, `${ROOM_202.topicPrefix}/co2`);
    await device.publishAsync(`${ROOM_202.topicPrefix}/co2`, '655', { qos: 1 });
    expect(await live).toMatchObject({ payload: '655', retain: false });

    await device.publishAsync(`${ROOM_202.topicPrefix}/humidity`, '41', { qos: 1, retain: true });
    const late = await connectClient(b.mqttUrl, deviceOptions(ROOM_202));
    closers.push(() => late.end(true));
    const retained = nextMessage(late, `${ROOM_202.topicPrefix}/humidity`);
    await late.subscribeAsync(`${ROOM_202.topicPrefix}/humidity`, { qos: 1 });
    expect(await retained).toMatchObject({ payload: '41', retain: true });
    // The device connected to A shows online on B too (the shared store says so).
    const sensors = (await (
      await fetch(`${b.base}/api/devices/${ROOM_202.id}`, { headers: { cookie: cookieB } })
    ).json()) as {
      device: { state: string };
    };
    expect(sensors.device.state).toBe('online');
    subscriber.end(true);
    device.end(true);
    late.end(true);
  });

  it('survives Redis going away: not ready meanwhile, and what was published then reaches the other instance', async () => {
    const sse = openSse(b.base, '/api/events?streams=deploys', { cookie: cookieB });
    closers.push(sse.close);
    await until(() => sse.messages.some((m) => m.event === 'hello'));
    await redis.stop();
    await waitFor(
      async () => (await ready(a.base)).checks.redis?.ok === false,
      10_000,
      'A to report Redis down',
    );
    await waitFor(async () => (await fetch(`${b.base}/api/ready`)).status === 503, 10_000, 'B to answer 503');
    // Published on A while the instances cannot talk: stored, so B's client gets it once Redis is back.
    const [id] = await publish(a.base, cookieA, [progressEvent(7, 'during the outage')]);
    redis = await startRedis(redis.port);
    await waitFor(
      async () => (await ready(a.base)).ok && (await ready(b.base)).ok,
      20_000,
      'both ready again',
    );
    await until(() => sse.ids().includes(id!), 10_000, 'the outage event on B');
    // MQTT routing across the instances works again (its connections subscribed again).
    const subscriber = await connectClient(b.mqttUrl, deviceOptions(ROOM_201));
    const device = await connectClient(a.mqttUrl, deviceOptions(ROOM_201));
    closers.push(
      () => subscriber.end(true),
      () => device.end(true),
    );
    await subscriber.subscribeAsync(`${ROOM_201.topicPrefix}/#`, { qos: 1 });
    const live = nextMessage(subscriber, `${ROOM_201.topicPrefix}/temperature`);
    await device.publishAsync(`${ROOM_201.topicPrefix}/temperature`, '20.5', { qos: 1 });
    expect(await live).toMatchObject({ payload: '20.5' });
    subscriber.end(true);
    device.end(true);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    sse.close();
  });

  it('loses no durable event when the instance running the monitors is killed and the client resumes on the other; the monitors move', async () => {
    // Whichever holds the lease (after the Redis outage above it may be either) is the one to die.
    const holder = await waitFor(
      async () => {
        // Settled: exactly one runs them, and it is the one Redis names.
        const [ra, rb] = [(await ready(a.base)).cluster!, (await ready(b.base)).cluster!];
        if (ra.monitorsRunHere === rb.monitorsRunHere) return null;
        const which = ra.monitorsRunHere ? ra : rb;
        if (which.monitorsHolder !== which.instance) return null;
        return ra.monitorsRunHere ? 'a' : 'b';
      },
      15_000,
      'a lease holder',
    );
    const [victim, survivor] = holder === 'a' ? [a, b] : [b, a];
    const [cookieV, cookieS] = holder === 'a' ? [cookieA, cookieB] : [cookieB, cookieA];
    const port = (target.address() as AddressInfo).port;
    const created = await fetch(`${victim.base}/api/monitors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookieV, origin: victim.base },
      body: JSON.stringify({
        name: 'scale-out',
        type: 'http',
        url: `http://127.0.0.1:${port}/`,
        intervalSeconds: 5,
      }),
    });
    expect(created.status).toBe(201);
    const monitorId = ((await created.json()) as { monitor: { id: number } }).monitor.id;
    const checksOf = async (base: string, cookie: string) =>
      (
        (await (await fetch(`${base}/api/monitors/${monitorId}/checks`, { headers: { cookie } })).json()) as {
          checks: { at: number }[];
        }
      ).checks;
    await waitFor(
      async () => (await checksOf(victim.base, cookieV)).length > 0,
      15_000,
      'a first check by the holder',
    );

    const client = openSse(victim.base, '/api/events?streams=deploys', { cookie: cookieV });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    const published: number[] = [];
    // Interleaved on both instances: the client sees the other instance's events through Redis, in id order.
    for (let i = 0; i < 20; i++) {
      const [id] = await publish(i % 2 ? survivor.base : victim.base, i % 2 ? cookieS : cookieV, [
        progressEvent(i),
      ]);
      published.push(id!);
    }
    await until(() => client.ids().length >= 20, 10_000, 'all 20 events on the first client');
    expect(client.ids()).toEqual(published);

    // More on the victim, then it dies at once; more on the survivor while the client is away.
    for (let i = 0; i < 5; i++)
      published.push(...(await publish(victim.base, cookieV, [progressEvent(50 + i)])));
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await client.closed;
    for (let i = 0; i < 5; i++)
      published.push(...(await publish(survivor.base, cookieS, [progressEvent(80 + i)])));

    const seen = client.ids();
    const resumed = openSse(survivor.base, '/api/events?streams=deploys', {
      cookie: cookieS,
      'last-event-id': String(seen.at(-1)),
    });
    closers.push(resumed.close);
    await until(
      () => seen.length + resumed.ids().length >= published.length,
      10_000,
      'the rest on the survivor',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect([...seen, ...resumed.ids()]).toEqual(published);

    // The dead instance's lease runs out; the survivor takes it and checks the monitor.
    await waitFor(
      async () => (await ready(survivor.base)).cluster?.monitorsRunHere,
      15_000,
      'the survivor to take the lease',
    );
    await waitFor(
      async () => (await checksOf(survivor.base, cookieS)).some((c) => c.at > killedAt),
      20_000,
      'a check run by the survivor',
    ).catch(async (error: Error) => {
      const scheduler = await (
        await fetch(`${survivor.base}/api/monitors/scheduler`, { headers: { cookie: cookieS } })
      ).text();
      const checks = JSON.stringify(await checksOf(survivor.base, cookieS));
      throw new Error(
        `${error.message} (killed at ${killedAt}; scheduler ${scheduler}; checks ${checks})\n` +
          `--- survivor's output:\n${survivor.output().slice(-3000)}`,
      );
    });
    resumed.close();
  });
});
