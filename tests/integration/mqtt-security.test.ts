import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import { upgradeStatus } from './support/chat-socket';
import {
  ROOM_201,
  ROOM_202,
  connectClient,
  deviceOptions,
  getJson,
  nextMessage,
  pubArgs,
  requireTools,
  run,
  startMqttServer,
  type MqttServer,
} from './support/mqtt';
import { startExpectingFailure } from './support/server';

interface Rejections {
  counts: { reason: string; count: number }[];
  recent: { reason: string; deviceId: string | null; detail: string }[];
}

async function rejections(
  server: MqttServer,
  cookie: string,
  reason: string,
  at_least = 1,
): Promise<Rejections> {
  const end = Date.now() + 5_000;
  for (;;) {
    const answer = await getJson<Rejections>(server.base, '/api/sensors/rejections', cookie);
    if ((answer.counts.find((c) => c.reason === reason)?.count ?? 0) >= at_least || Date.now() > end)
      return answer;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Bad input at the broker: refused, counted, and never stored or delivered. */
describe('MQTT security and limits', () => {
  let server: MqttServer;
  let cookie: string;

  beforeAll(async () => {
    requireTools();
    server = await startMqttServer();
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a wrong password and anonymous clients at CONNACK; nothing is published', async () => {
    const wrong = await run(
      'mosquitto_pub',
      pubArgs(server, { ...ROOM_201, password: 'not-the-password' }, [
        '-t',
        ROOM_201.topicPrefix,
        '-m',
        '{"t": 1}',
      ]),
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/bad user name or password/i);
    const anonymous = await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(server.mqttPort),
      '-t',
      ROOM_201.topicPrefix,
      '-m',
      '{"t": 1}',
    ]);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toMatch(/not authori[sz]ed/i);
    const series = await getJson<{ series: unknown[] }>(
      server.base,
      '/api/sensors/series?filter=sensors/%23',
      cookie,
    );
    expect(series.series).toHaveLength(0);
  });

  it('acknowledges but drops and counts an MQTT 3.1.1 publish outside the device subtree', async () => {
    const victim = await connectClient(server.mqttUrl, deviceOptions(ROOM_202));
    await victim.subscribeAsync(`${ROOM_202.topicPrefix}/#`);
    let leaked = false;
    victim.on('message', () => (leaked = true));
    const result = await run(
      'mosquitto_pub',
      pubArgs(server, ROOM_201, ['-q', '1', '-t', `${ROOM_202.topicPrefix}/temperature`, '-m', '99']),
    );
    expect(result.code).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(false);
    victim.end(true);
    const answer = await rejections(server, cookie, 'not-authorized');
    expect(answer.recent.find((r) => r.reason === 'not-authorized')).toMatchObject({ deviceId: 'room-201' });
  });

  it('rejects non-JSON and non-numeric payloads with a reason, storing nothing', async () => {
    await run('mosquitto_pub', pubArgs(server, ROOM_201, ['-t', ROOM_201.topicPrefix, '-m', 'hello there']));
    await run(
      'mosquitto_pub',
      pubArgs(server, ROOM_201, ['-t', ROOM_201.topicPrefix, '-m', '{"temperature": "warm"}']),
    );
    const answer = await rejections(server, cookie, 'non-numeric');
    expect(answer.counts.map((c) => c.reason)).toEqual(expect.arrayContaining(['not-json', 'non-numeric']));
    expect(answer.recent.find((r) => r.reason === 'non-numeric')?.detail).toContain('temperature');
    const series = await getJson<{ series: unknown[] }>(
      server.base,
      '/api/sensors/series?filter=sensors/%23',
      cookie,
    );
    expect(series.series).toHaveLength(0);
  });

  it('closes a connection that sends random bytes; the broker keeps serving', async () => {
    const socket = net.connect(server.mqttPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0xff, 0x7f, 0x00, 0x42]));
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('close', r));
    const ok = await run(
      'mosquitto_pub',
      pubArgs(server, ROOM_201, ['-t', ROOM_201.topicPrefix, '-m', '{"temperature": 20}']),
    );
    expect(ok.code).toBe(0);
    expect(server.output()).toMatch(/closed before CONNECT: first byte 0x16 is not CONNECT/);
  });

  it('disconnects a client flooding past its rate and logs it; another device is unaffected', async () => {
    const flooder = await connectClient(server.mqttUrl, deviceOptions(ROOM_201));
    const closed = new Promise<void>((r) => flooder.once('close', () => r()));
    const bystander = await connectClient(server.mqttUrl, deviceOptions(ROOM_202));
    for (let i = 0; i < 3_000 && flooder.connected; i++)
      flooder.publish(`${ROOM_201.topicPrefix}/t`, String(i));
    await closed;
    const echo = nextMessage(bystander, `${ROOM_202.topicPrefix}/t`);
    await bystander.subscribeAsync(`${ROOM_202.topicPrefix}/t`);
    await bystander.publishAsync(`${ROOM_202.topicPrefix}/t`, '1', { qos: 1 });
    expect((await echo).payload).toBe('1');
    bystander.end(true);
    expect(server.output()).toMatch(/device room-201 \(127\.0\.0\.1\) disconnected: rate-limit/);
    await rejections(server, cookie, 'rate-limit');
  });

  it('refuses a cross-site MQTT-over-WebSocket upgrade (403) and accepts devices over /mqtt', async () => {
    const foreign = await upgradeStatus(
      server.base,
      { origin: 'https://evil.example', cookie, 'Sec-WebSocket-Protocol': 'mqtt' },
      '/mqtt',
    );
    expect(foreign.status).toBe(403);
    const device = await connectClient(server.wsUrl, deviceOptions(ROOM_201));
    await device.publishAsync(ROOM_201.topicPrefix, '{"temperature": 20.5}', { qos: 1 });
    device.end(true);
    await expect(
      connectClient(server.wsUrl, { username: ROOM_201.id, password: 'wrong-password-xx' }),
    ).rejects.toMatchObject({ code: 4 });
    await expect(connectClient(server.wsUrl)).rejects.toMatchObject({ code: 5 });
  });

  it('revoking a device closes its connection and refuses it afterwards; rotation retires the old password', async () => {
    const device = await connectClient(server.mqttUrl, deviceOptions(ROOM_202));
    const closed = new Promise<void>((r) => device.once('close', () => r()));
    const headers = { cookie, origin: server.base, 'content-type': 'application/json' };
    const rotated = await fetch(`${server.base}/api/devices/room-202/rotate`, { method: 'POST', headers });
    expect(rotated.status).toBe(200);
    const { password } = (await rotated.json()) as { password: string };
    await closed;
    await expect(connectClient(server.mqttUrl, deviceOptions(ROOM_202))).rejects.toMatchObject({ code: 4 });
    const fresh = await connectClient(server.mqttUrl, deviceOptions({ ...ROOM_202, password }));
    const gone = new Promise<void>((r) => fresh.once('close', () => r()));
    expect((await fetch(`${server.base}/api/devices/room-202`, { method: 'DELETE', headers })).status).toBe(
      200,
    );
    await gone;
    await expect(
      connectClient(server.mqttUrl, deviceOptions({ ...ROOM_202, password })),
    ).rejects.toMatchObject({ code: 5 });
  });
});

describe('DEVICES_FILE and TLS at start', () => {
  it('refuses to start on a bad DEVICES_FILE, naming the entry', async () => {
    const { writeDevicesFile } = await import('./support/mqtt');
    const file = writeDevicesFile([
      ROOM_201,
      { id: 'lobby', password: 'lobby-password-1', topicPrefix: 'devices/lobby' },
    ]);
    const { code, output } = await startExpectingFailure({ DEVICES_FILE: file });
    expect(code).toBe(1);
    expect(output).toContain(`DEVICES_FILE ${file}: entry 2 ("lobby"): topicPrefix must start with sensors/`);
  });
});
