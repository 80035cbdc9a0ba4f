import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SseParser, type AnyEnvelope, type SseMessage } from '../../events';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { SseHub } from './hub';
import { parseSseParams } from './params';

const progress = (percent: number) => ({ deployId: 'd1', service: 'api', step: 'build', percent });

/** A real HTTP server whose every request becomes an SSE connection on the hub. */
async function serve(hub: SseHub) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const params = parseSseParams(url.searchParams, req.headers['last-event-id'] as string | undefined);
    if (!params.ok) {
      res.writeHead(params.status).end(params.error);
      return;
    }
    hub.attach(req, res, params);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** An SSE client over http.get that collects parsed messages. */
function connect(port: number, path: string, headers: Record<string, string> = {}) {
  const messages: SseMessage[] = [];
  const parser = new SseParser();
  let closed = false;
  const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => messages.push(...parser.push(chunk)));
    res.on('close', () => (closed = true));
  });
  req.on('error', () => (closed = true));
  return { messages, req, isClosed: () => closed, parser };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SseHub', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let hub: SseHub;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    t = tempDb();
    bus = new EventBus(t.db);
    hub = new SseHub(bus, { maxBufferBytes: 64 * 1024, replayPageSize: 7 });
    ({ server, port } = await serve(hub));
  });
  afterEach(async () => {
    hub.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  it('sends a hello with version and snapshot, then live events with ids', async () => {
    hub.setSnapshot('deploys', () => ({ running: 2 }));
    const client = connect(port, '/?streams=deploys');
    await until(() => client.messages.length >= 1);
    const hello = client.messages[0]!;
    expect(hello.event).toBe('hello');
    expect(JSON.parse(hello.data)).toMatchObject({
      streams: ['deploys'],
      snapshot: { deploys: { running: 2 } },
    });
    bus.publish('monitor-status', { name: 'web', status: 'down' });
    const sent = bus.publish('deploy-progress', progress(30));
    await until(() => client.messages.length >= 2);
    expect(client.messages[1]).toMatchObject({ event: 'deploy-progress', id: String(sent.id) });
    expect(JSON.parse(client.messages[1]!.data)).toEqual({ ...progress(30), ts: sent.ts });
    client.req.destroy();
  });

  it('replays every missed event exactly once while new ones keep arriving', async () => {
    for (let i = 0; i < 40; i++) bus.publish('deploy-progress', progress(i % 100));
    const client = connect(port, '/?streams=deploys', { 'Last-Event-ID': '5' });
    // Publish during the replay too: the hub queues them and drops those the replay covered.
    for (let i = 0; i < 20; i++) {
      bus.publish('deploy-progress', progress(i));
      await new Promise((r) => setImmediate(r));
    }
    await until(() => client.messages.filter((m) => m.id).length >= 55);
    await new Promise((r) => setTimeout(r, 50));
    const ids = client.messages.filter((m) => m.id).map((m) => Number(m.id));
    expect(ids).toEqual(Array.from({ length: 55 }, (_, i) => i + 6));
    client.req.destroy();
  });

  it('sends a reset when the resume point no longer exists', async () => {
    bus.publish('deploy-progress', progress(1));
    const client = connect(port, '/?streams=deploys', { 'Last-Event-ID': '999' });
    await until(() => client.messages.length >= 2);
    expect(client.messages[1]).toMatchObject({ event: 'reset' });
    client.req.destroy();
  });

  it('cuts off a consumer that stops reading while the others keep receiving', async () => {
    const fast = connect(port, '/?streams=deploys');
    // A raw client that sends its request and then never reads again.
    const slow = net.connect(port, '127.0.0.1');
    slow.write('GET /?streams=deploys HTTP/1.1\r\nHost: x\r\n\r\n');
    slow.pause();
    let slowClosed = false;
    slow.on('close', () => (slowClosed = true));
    slow.on('error', () => undefined);
    await until(() => hub.size === 2);
    // Paced so that a reading client keeps up: each event yields to I/O before the next.
    const message = 'x'.repeat(4_000);
    for (let i = 0; i < 20_000 && hub.size === 2; i++) {
      bus.publish('deploy-progress', { ...progress(1), message });
      await new Promise((r) => setImmediate(r));
    }
    expect(hub.size).toBe(1);
    const published = bus.lastId();
    await until(() => fast.messages.filter((m) => m.id).length === published, 10_000);
    slow.resume();
    await until(() => slowClosed);
    fast.req.destroy();
  }, 30_000);

  it('does not send twice what its replay sent when live events trail the store (several instances)', async () => {
    // A relay that holds this process's events, as the sequencer does while a hole waits to be filled.
    const held: AnyEnvelope[] = [];
    bus.setRelay({ local: (events) => held.push(...events) });
    const ids = [1, 2, 3].map((p) => bus.publish('deploy-progress', progress(p)).id!);
    const client = connect(port, '/?streams=deploys', { 'last-event-id': String(ids[0]) });
    await until(() => client.messages.filter((m) => m.id).length === 2);
    bus.dispatch(held);
    bus.setRelay(null);
    const [fourth] = [bus.publish('deploy-progress', progress(4)).id!];
    await until(() => client.messages.some((m) => Number(m.id) === fourth));
    expect(client.messages.filter((m) => m.id && m.event !== 'hello').map((m) => Number(m.id))).toEqual([
      ids[1],
      ids[2],
      fourth,
    ]);
    client.req.destroy();
  });

  it('ends every stream with a shutdown event on close', async () => {
    const client = connect(port, '/');
    await until(() => client.messages.length >= 1);
    hub.closeAll();
    await until(() => client.isClosed());
    expect(client.messages.at(-1)?.event).toBe('shutdown');
  });
});
