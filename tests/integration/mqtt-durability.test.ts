import { afterAll, describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import {
  PYTHON,
  ROOM_201,
  ROOM_202,
  getJson,
  launch,
  pubArgs,
  requireTools,
  run,
  startMqttServer,
  type MqttServer,
} from './support/mqtt';

interface DeviceAnswer {
  devices: { id: string; state: string; online: boolean; statusReason: string | null }[];
}

/** What must survive a restart of Signalboard, and what a device's death must cause. */
describe('MQTT durability', () => {
  const servers: MqttServer[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) await s.stop();
  });

  it('keeps a retained value and a queued QoS 1 message across a restart', async () => {
    requireTools();
    const first = await startMqttServer();
    servers.push(first);
    const topic = `${ROOM_202.topicPrefix}/co2`;

    // A persistent session (clean = false) subscribes at QoS 1, then goes away.
    const session = ['-c', '-i', 'it-queued-sub', '-q', '1', '-t', `${ROOM_202.topicPrefix}/#`];
    const subscribed = await run(
      'mosquitto_sub',
      pubArgs(first, ROOM_202, [...session, '-C', '1', '-W', '2']),
    );
    expect(subscribed.code).not.toBeNull();

    // While it is away: a retained value, and a QoS 1 message queued for the session.
    expect(
      (
        await run(
          'mosquitto_pub',
          pubArgs(first, ROOM_201, [
            '-q',
            '1',
            '-r',
            '-t',
            ROOM_201.topicPrefix,
            '-m',
            '{"temperature": 19.5}',
          ]),
        )
      ).code,
    ).toBe(0);
    expect(
      (await run('mosquitto_pub', pubArgs(first, ROOM_202, ['-q', '1', '-t', topic, '-m', '777']))).code,
    ).toBe(0);

    const { code } = await first.stop();
    expect(code).toBe(0);
    const second = await startMqttServer({
      dataDir: first.dataDir,
      port: first.port,
      mqttPort: first.mqttPort,
    });
    servers.push(second);

    const retained = await run(
      'mosquitto_sub',
      pubArgs(second, ROOM_201, ['-t', ROOM_201.topicPrefix, '-C', '1', '-W', '5']),
    );
    expect(retained.stdout.trim()).toBe('{"temperature": 19.5}');
    const queued = await run(
      'mosquitto_sub',
      pubArgs(second, ROOM_202, [...session, '-C', '1', '-W', '5', '-v']),
    );
    expect(queued.stdout.trim()).toBe(`${topic} 777`);
    // The stored reading survived too.
    const cookie = await loginCookie(second.base);
    const series = await getJson<{ series: { lastValue: number }[] }>(
      second.base,
      `/api/sensors/series?filter=${encodeURIComponent(topic)}`,
      cookie,
    );
    expect(series.series[0]?.lastValue).toBe(777);
    await second.stop();
  });

  it("marks a killed device offline through its last will, and the retained status reads 'offline'", async () => {
    requireTools();
    const server = await startMqttServer();
    servers.push(server);
    const cookie = await loginCookie(server.base);
    const script = `
import sys, time, paho.mqtt.client as mqtt
host, port, user, password, prefix = sys.argv[1:6]
c = mqtt.Client(client_id="dying-" + user)
c.username_pw_set(user, password)
c.will_set(prefix + "/status", "offline", qos=1, retain=True)
c.connect(host, int(port), keepalive=30)
c.loop_start()
c.publish(prefix + "/status", "online", qos=1, retain=True).wait_for_publish()
c.publish(prefix, '{"temperature": 22}', qos=1).wait_for_publish()
print("ready", flush=True)
time.sleep(60)
`;
    const device = launch(PYTHON, [
      '-c',
      script,
      '127.0.0.1',
      String(server.mqttPort),
      ROOM_201.id,
      ROOM_201.password,
      ROOM_201.topicPrefix,
    ]);
    const deadline = Date.now() + 10_000;
    while (!device.output().includes('ready')) {
      if (Date.now() > deadline) throw new Error(`device did not start: ${device.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const online = await getJson<DeviceAnswer>(server.base, '/api/devices', cookie);
    expect(online.devices.find((d) => d.id === 'room-201')?.state).toBe('online');

    device.kill('SIGKILL');
    let answer: DeviceAnswer | null = null;
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      answer = await getJson<DeviceAnswer>(server.base, '/api/devices', cookie);
      if (answer.devices.find((d) => d.id === 'room-201')?.state === 'offline') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer?.devices.find((d) => d.id === 'room-201')).toMatchObject({
      state: 'offline',
      online: false,
      statusReason: expect.stringContaining('last will') as unknown,
    });
    const status = await run(
      'mosquitto_sub',
      pubArgs(server, ROOM_201, ['-t', `${ROOM_201.topicPrefix}/status`, '-C', '1', '-W', '5']),
    );
    expect(status.stdout.trim()).toBe('offline');
    await server.stop();
  });
});
