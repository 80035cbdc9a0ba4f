import net from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../lib/events';
import { EventBus } from '../lib/server/bus';
import { createDevice } from '../lib/server/devices/credentials';
import { tempDb } from '../lib/server/test-support';
import { transportLedger } from '../lib/server/transport-stats/ledger';
import { MqttBroker } from './mqtt-broker';
import { listenTcp, type Listening } from './mqtt-listeners';

const PREFIX = 'sensors/site-1/floor-1/room-1';
let t: ReturnType<typeof tempDb>;
let broker: MqttBroker;
let listening: Listening;
let url: string;
let password: string;
let password2: string;
const events: AnyEnvelope[] = [];
const clients: MqttClient[] = [];

async function connect(options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    username: 'dev-1',
    password,
    reconnectPeriod: 0,
    connectTimeout: 3000,
    ...options,
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));

beforeAll(async () => {
  t = tempDb();
  const bus = new EventBus(t.db);
  bus.subscribe((e) => events.push(e));
  password = await createDevice(t.db, { id: 'dev-1', topicPrefix: PREFIX, source: 'api' });
  password2 = await createDevice(t.db, {
    id: 'dev-2',
    topicPrefix: 'sensors/site-1/floor-1/room-2',
    source: 'api',
  });
  broker = await MqttBroker.create(t.db, bus, {
    limits: { ratePerSecond: 50, burstSeconds: 2, maxPacketBytes: 4096, maxSubscriptions: 3 },
  });
  listening = await listenTcp(broker, 0, '127.0.0.1');
  url = `mqtt://127.0.0.1:${listening.port}`;
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await broker.close();
  await listening.close();
  t.cleanup();
});

describe('MqttBroker', () => {
  it('refuses a wrong password with CONNACK "bad user name or password" and anonymous with "not authorized"', async () => {
    await expect(connect({ password: 'wrong-password' })).rejects.toMatchObject({ code: 4 });
    await expect(connect({ username: undefined, password: undefined })).rejects.toMatchObject({ code: 5 });
  });

  it('ingests a reading and delivers it to a subscriber in the same subtree', async () => {
    const sub = await connect();
    await sub.subscribeAsync(`${PREFIX}/#`, { qos: 1 });
    const got = new Promise<string>((resolve) => sub.once('message', (_t, p) => resolve(p.toString())));
    const pub = await connect();
    await pub.publishAsync(`${PREFIX}/temperature`, '21.5', { qos: 1 });
    expect(await got).toBe('21.5');
    // The ingest hook runs once every subscriber has been handed the message.
    await until(() => broker.ingest.catalog.get('dev-1', PREFIX, 'temperature').lastValue === 21.5);
  });

  it('answers an MQTT 5 publish outside the ACL with PUBACK 0x87 and a 3.1.1 one with a plain PUBACK, delivering neither', async () => {
    const watcher = await connect();
    await watcher.subscribeAsync(`${PREFIX}/#`);
    let leaked = false;
    watcher.on('message', (topic) => (leaked ||= !topic.startsWith(PREFIX)));
    const v5 = await connect({ protocolVersion: 5 });
    await expect(v5.publishAsync('sensors/other/x', '1', { qos: 1 })).rejects.toMatchObject({ code: 0x87 });
    const v4 = await connect();
    await v4.publishAsync('sensors/other/x', '1', { qos: 1 });
    // SUBACK 0x80 for a filter outside the subtree; mqtt.js reports it as an error.
    await expect(v4.subscribeAsync('sensors/#')).rejects.toThrow(/Subscribe error/);
    expect(v4.connected).toBe(true);
    expect(leaked).toBe(false);
  });

  it('disconnects a client that floods past its rate, and others carry on', async () => {
    const flooder = await connect({ protocolVersion: 5 });
    let reason: number | undefined;
    flooder.once('disconnect', (packet) => (reason = packet.reasonCode));
    const gone = closed(flooder);
    const bystander = await connect();
    for (let i = 0; i < 500; i++) flooder.publish(`${PREFIX}/t`, String(i));
    await gone;
    expect(reason).toBe(0x96); // MQTT 5 DISCONNECT: message rate too high
    await bystander.publishAsync(`${PREFIX}/t`, '1', { qos: 1 });
    expect(bystander.connected).toBe(true);
  });

  it('disconnects a client announcing a packet over the limit before it arrives', async () => {
    const big = await connect();
    const gone = closed(big);
    big.publish(`${PREFIX}/t`, Buffer.alloc(10_000, 1));
    await gone;
  });

  it('closes a connection that sends random bytes, before any client exists', async () => {
    const socket = net.connect(listening.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await new Promise((r) => socket.once('close', r));
    expect(broker.refusedConnections).toBeGreaterThan(0);
  });

  it('marks a device offline with its last will when its connection drops', async () => {
    const statusTopic = 'sensors/site-1/floor-1/room-2/status';
    const device = await connect({
      username: 'dev-2',
      password: password2,
      will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    await device.publishAsync(statusTopic, 'online', { qos: 1, retain: true });
    expect(broker.ingest.tracker.stateOf('dev-2')).toBe('online');
    (device.stream as net.Socket).destroy();
    await until(() => broker.ingest.tracker.stateOf('dev-2') === 'offline');
    const last = events.filter((e) => e.type === 'device-status' && e.data.deviceId === 'dev-2').at(-1)!;
    expect(last.data).toMatchObject({
      online: false,
      state: 'offline',
      reason: expect.stringContaining('last will') as unknown,
    });
    // The will replaced the retained status: a new subscriber reads "offline".
    const reader = await connect({ username: 'dev-2', password: password2 });
    const retained = new Promise<string>((resolve) =>
      reader.once('message', (_t, p) => resolve(p.toString())),
    );
    await reader.subscribeAsync(statusTopic);
    expect(await retained).toBe('offline');
  });

  it('counts each PUBLISH in and out at its size on the wire, with its PUBACK, and times the delivery', async () => {
    const topic = 'sensors/site-1/floor-1/room-2/bytes';
    const sub = await connect({ username: 'dev-2', password: password2 });
    await sub.subscribeAsync(topic, { qos: 1 });
    const pub = await connect({ username: 'dev-2', password: password2 });
    const ledger = transportLedger('mqtt');
    const before = {
      messages: ledger.messages,
      bytes: ledger.bytes,
      framing: ledger.framing,
      timed: ledger.delivery.total,
    };
    const got = new Promise<void>((resolve) => sub.once('message', () => resolve()));
    await pub.publishAsync(topic, '{"v":1}', { qos: 1 });
    await got;
    await until(() => ledger.messages - before.messages === 2);
    // Fixed header 2 + topic length 2 + topic + packet id 2 + payload, and a 4-byte PUBACK: once in, once out.
    const packet = 2 + 2 + topic.length + 2 + 7 + 4;
    expect(ledger.bytes - before.bytes).toBe(2 * packet);
    expect(ledger.framing - before.framing).toBe(2 * (packet - 7));
    await until(() => ledger.delivery.total - before.timed === 1);
  });
});
