import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import {
  GREENHOUSE,
  PYTHON,
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
  waitForSeries,
  type MqttServer,
} from './support/mqtt';

/**
 * Real MQTT clients against the real server: Debian's mosquitto_pub / mosquitto_sub, Python's paho
 * client, and mqtt.js over WebSocket in the browser's place. What they publish shows in the API.
 */
describe('MQTT with real clients', () => {
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

  it('mosquitto_pub publishes a retained QoS 1 JSON reading with credentials; the API shows it', async () => {
    const result = await run('mosquitto_pub', [
      ...pubArgs(server, ROOM_201, ['-q', '1', '-r', '-t', ROOM_201.topicPrefix]),
      '-m',
      '{"temperature": 21.4, "humidity": 40}',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const answer = await waitForSeries(server, cookie, 'sensors/+/+/+/temperature', (a) =>
      a.series.some((s) => s.lastValue === 21.4),
    );
    expect(answer.series.find((s) => s.deviceId === 'room-201')?.points.at(-1)?.[1]).toBe(21.4);
    const { devices } = await getJson<{
      devices: { id: string; metrics: { metric: string; lastValue: number }[] }[];
    }>(server.base, '/api/devices', cookie);
    const room = devices.find((d) => d.id === 'room-201')!;
    expect(room.metrics.map((m) => [m.metric, m.lastValue]).sort()).toEqual([
      ['humidity', 40],
      ['temperature', 21.4],
    ]);
  });

  it('mosquitto_sub with device credentials reads its own subtree, including the retained value', async () => {
    const result = await run('mosquitto_sub', [
      ...pubArgs(server, ROOM_201, ['-t', `${ROOM_201.topicPrefix}/#`, '-C', '1', '-W', '5', '-v']),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(`${ROOM_201.topicPrefix} {"temperature": 21.4, "humidity": 40}`);
  });

  it("Python's paho client publishes a bare number on a metric topic at QoS 1, retained, with a last will", async () => {
    const script = `
import sys, paho.mqtt.client as mqtt
host, port, user, password, prefix = sys.argv[1:6]
c = mqtt.Client(client_id="paho-" + user)
c.username_pw_set(user, password)
c.will_set(prefix + "/status", "offline", qos=1, retain=True)
rc = c.connect(host, int(port), keepalive=30)
c.loop_start()
c.publish(prefix + "/status", "online", qos=1, retain=True).wait_for_publish()
info = c.publish(prefix + "/soil_moisture", "37.5", qos=1, retain=True)
info.wait_for_publish()
print("published", info.rc)
c.disconnect()
c.loop_stop()
`;
    const result = await run(PYTHON, [
      '-c',
      script,
      '127.0.0.1',
      String(server.mqttPort),
      GREENHOUSE.id,
      GREENHOUSE.password,
      GREENHOUSE.topicPrefix,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('published 0');
    await waitForSeries(server, cookie, 'sensors/+/soil_moisture', (a) =>
      a.series.some((s) => s.deviceId === 'greenhouse-1' && s.lastValue === 37.5),
    );
  });

  it('mqtt.js over WebSocket with the session cookie subscribes with a wildcard and reads retained and live values', async () => {
    const browser = await connectClient(server.wsUrl, {
      wsOptions: { headers: { cookie, origin: server.base } },
    });
    try {
      const retained = nextMessage(browser, ROOM_201.topicPrefix);
      await browser.subscribeAsync('sensors/building-a/#', { qos: 1 });
      expect(await retained).toMatchObject({
        retain: true,
        payload: '{"temperature": 21.4, "humidity": 40}',
      });

      const live = nextMessage(browser, `${ROOM_202.topicPrefix}/co2`);
      const pub = await run(
        'mosquitto_pub',
        pubArgs(server, ROOM_202, ['-q', '1', '-t', `${ROOM_202.topicPrefix}/co2`, '-m', '640']),
      );
      expect(pub.code).toBe(0);
      expect(await live).toMatchObject({ payload: '640', retain: false });

      // Browsers are read-only: a publish is acknowledged (MQTT 3.1.1 has no refusal) but goes nowhere.
      const device = await connectClient(server.mqttUrl, deviceOptions(ROOM_202));
      await device.subscribeAsync(`${ROOM_202.topicPrefix}/#`);
      let leaked = false;
      device.on('message', (_t, payload) => (leaked ||= payload.toString() === 'from-browser'));
      await browser.publishAsync(`${ROOM_202.topicPrefix}/co2`, 'from-browser', { qos: 1 });
      await new Promise((r) => setTimeout(r, 300));
      expect(leaked).toBe(false);
      device.end(true);

      // …and may not read outside sensors/.
      await expect(browser.subscribeAsync('$SYS/#')).rejects.toThrow();
    } finally {
      browser.end(true);
    }
  });

  it('an MQTT 5 publish outside the device subtree gets PUBACK 0x87 (mosquitto_pub -V 5)', async () => {
    const result = await run('mosquitto_pub', [
      ...pubArgs(server, ROOM_201, [
        '-V',
        '5',
        '-q',
        '1',
        '-d',
        '-t',
        `${ROOM_202.topicPrefix}/temperature`,
        '-m',
        '99',
      ]),
    ]);
    expect(result.stdout).toMatch(/received PUBACK \(Mid: 1, RC:135\)/);
    const inside = await run('mosquitto_pub', [
      ...pubArgs(server, ROOM_201, [
        '-V',
        '5',
        '-q',
        '1',
        '-d',
        '-t',
        `${ROOM_201.topicPrefix}/pressure`,
        '-m',
        '1013',
      ]),
    ]);
    expect(inside.stdout).toMatch(/received PUBACK \(Mid: 1, RC:0\)/);
  });
});
