import { describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import { testCertificate } from './support/tls';
import { freePort, startExpectingFailure } from './support/server';
import {
  ROOM_201,
  connectClient,
  deviceOptions,
  requireTools,
  run,
  startMqttServer,
  waitForSeries,
} from './support/mqtt';

describe('MQTT over TLS', () => {
  it('serves mqtts:// on MQTT_TLS_PORT with the configured certificate (mqtt.js and mosquitto_pub)', async () => {
    requireTools();
    const tls = await testCertificate();
    const tlsPort = await freePort();
    const server = await startMqttServer({
      env: { MQTT_TLS_PORT: String(tlsPort), MQTT_TLS_CERT: tls.cert, MQTT_TLS_KEY: tls.key },
    });
    try {
      expect(server.output()).toContain(`mqtts://:${tlsPort}`);
      const client = await connectClient(
        `mqtts://127.0.0.1:${tlsPort}`,
        deviceOptions(ROOM_201, { ca: tls.certPem, servername: 'localhost' }),
      );
      await client.publishAsync(ROOM_201.topicPrefix, '{"temperature": 18.25}', { qos: 1 });
      client.end(true);
      const pub = await run('mosquitto_pub', [
        '-h',
        '127.0.0.1',
        '-p',
        String(tlsPort),
        '--cafile',
        tls.cert,
        '-u',
        ROOM_201.id,
        '-P',
        ROOM_201.password,
        '-q',
        '1',
        '-t',
        `${ROOM_201.topicPrefix}/co2`,
        '-m',
        '512',
      ]);
      expect(pub.code, pub.stderr).toBe(0);
      const cookie = await loginCookie(server.base);
      await waitForSeries(server, cookie, `${ROOM_201.topicPrefix}/+`, (a) => a.series.length === 2);
      // A plain client on the TLS port fails its handshake without harming the listener.
      const plain = await run(
        'mosquitto_pub',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(tlsPort),
          '-u',
          ROOM_201.id,
          '-P',
          ROOM_201.password,
          '-t',
          ROOM_201.topicPrefix,
          '-m',
          '1',
        ],
        5_000,
      );
      expect(plain.code).not.toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with only half a certificate configured, naming the variables', async () => {
    const tls = await testCertificate();
    const { code, output } = await startExpectingFailure({ MQTT_TLS_CERT: tls.cert });
    expect(code).toBe(1);
    expect(output).toContain('MQTT_TLS_CERT and MQTT_TLS_KEY must be set together');
  });
});
