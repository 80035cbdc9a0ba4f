import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { transportLedger } from '../transport-stats/ledger';
import { SseHub } from './hub';

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SseHub byte counts', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let hub: SseHub;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    t = tempDb();
    bus = new EventBus(t.db);
    hub = new SseHub(bus);
    server = http.createServer((req, res) =>
      hub.attach(req, res, { streams: ['monitors'], lastEventId: null }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    hub.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  it('counts exactly the bytes that reach the socket for each event, chunk headers included', async () => {
    // A raw socket sees the chunked encoding that an HTTP client would strip.
    const socket = net.connect(port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (raw = Buffer.concat([raw, chunk])));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => raw.includes('event: hello'));
    await new Promise((r) => setTimeout(r, 50));
    const ledger = transportLedger('sse');
    const before = {
      bytes: ledger.bytes,
      framing: ledger.framing,
      messages: ledger.messages,
      at: raw.length,
    };

    bus.publish('monitor-status', { name: 'web', status: 'down' });
    bus.publish('monitor-status', { name: 'db', status: 'up', message: 'ü'.repeat(40) });
    await until(() => raw.includes('"db"'));
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();

    const written = raw.length - before.at;
    expect(ledger.messages - before.messages).toBe(2);
    expect(ledger.bytes - before.bytes).toBe(written);
    // Framing: everything but the two JSON data values.
    const text = raw.subarray(before.at).toString('utf8');
    const json = [...text.matchAll(/^data: (.*)$/gm)].map((m) => Buffer.byteLength(m[1]!));
    expect(json).toHaveLength(2);
    expect(ledger.framing - before.framing).toBe(written - json[0]! - json[1]!);
    expect(ledger.delivery.percentiles(Date.now(), 60_000)?.samples).toBeGreaterThanOrEqual(2);
  });
});
