import { PassThrough } from 'node:stream';
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { readConnectStart, sniffConnect } from './mqtt-sniff';

const connect = (protocolVersion: 3 | 4 | 5) =>
  mqtt.generate({
    cmd: 'connect',
    protocolId: protocolVersion === 3 ? 'MQIsdp' : 'MQTT',
    protocolVersion,
    clientId: 'c1',
    clean: true,
    keepalive: 30,
  });

describe('readConnectStart', () => {
  it('reads the protocol level of 3.1, 3.1.1 and 5 CONNECTs, byte by byte', () => {
    for (const version of [3, 4, 5] as const) {
      const packet = connect(version);
      for (let n = 0; n < 8; n++) expect(readConnectStart(packet.subarray(0, n))).toBeNull();
      expect(readConnectStart(packet)).toEqual({ ok: true, protocolVersion: version });
    }
  });

  it('refuses anything that does not start with a CONNECT', () => {
    expect(readConnectStart(Buffer.from('GET / HTTP/1.1\r\n'))).toMatchObject({ ok: false });
    expect(readConnectStart(Buffer.from([0x16, 0x03, 0x01]))).toMatchObject({ ok: false }); // TLS hello
    expect(
      readConnectStart(Buffer.from([0x10, 0x05, 0x00, 0x04, 0x41, 0x42, 0x43, 0x44, 0x04])),
    ).toMatchObject({ ok: false });
    expect(readConnectStart(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x01]))).toMatchObject({ ok: false });
  });
});

describe('sniffConnect', () => {
  it('puts the bytes back for the broker to read', async () => {
    const stream = new PassThrough();
    const packet = connect(4);
    stream.write(packet.subarray(0, 3));
    setTimeout(() => stream.write(packet.subarray(3)), 10);
    expect(await sniffConnect(stream, 1000)).toEqual({ ok: true, protocolVersion: 4 });
    expect(Buffer.concat([stream.read() as Buffer])).toEqual(packet);
  });

  it('gives up on a silent connection', async () => {
    expect(await sniffConnect(new PassThrough(), 20)).toEqual({ ok: false, reason: 'no CONNECT in time' });
  });
});
