import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SseParser, type AnyEnvelope, type SseMessage } from '../../events';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { SseHub } from './hub';
import { parseSseParams } from './params';

/** High-rate streams: groups of events in one write, per-connection rates, shedding, replay gaps. */
describe('SseHub with the logs stream', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let hub: SseHub;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    t = tempDb();
    bus = new EventBus(t.db);
    hub = new SseHub(bus, { maxBufferBytes: 256 * 1024, shedBufferBytes: 16 * 1024 });
    server = http.createServer((req, res) => {
      const params = parseSseParams(
        new URL(req.url!, 'http://x').searchParams,
        req.headers['last-event-id'] as string,
      );
      if (!params.ok) return void res.writeHead(params.status).end(params.error);
      hub.attach(req, res, params);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    hub.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  function connect(path: string, headers: Record<string, string> = {}) {
    const messages: SseMessage[] = [];
    const parser = new SseParser();
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => messages.push(...parser.push(chunk)));
    });
    req.on('error', () => undefined);
    return { messages, close: () => req.destroy() };
  }

  const until = async (check: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  /** Stores nothing: log lines as their owner would deliver them, ids from the shared sequence. */
  function deliverLines(count: number, container = 'web', text = (i: number) => `line ${i}`): AnyEnvelope[] {
    const first = bus.reserveIds(count);
    const events = Array.from(
      { length: count },
      (_, i): AnyEnvelope => ({
        id: first + i,
        stream: 'logs',
        type: 'log-line',
        ts: Date.now(),
        data: { source: 'docker', container, stream: 'stdout', level: 'info', time: 1, line: text(i) },
      }),
    );
    bus.deliver(events);
    return events;
  }

  const lines = (messages: SseMessage[]) =>
    messages.filter((m) => m.event === 'log-line').map((m) => (JSON.parse(m.data) as { line: string }).line);

  it('sends a group of lines in order, filtered by container, with their ids', async () => {
    const client = connect('/?streams=logs&container=web');
    await until(() => hub.size === 1);
    deliverLines(3, 'db');
    const sent = deliverLines(50, 'web');
    await until(() => lines(client.messages).length === 50);
    expect(lines(client.messages)).toEqual(sent.map((e) => (e.data as { line: string }).line));
    expect(client.messages.filter((m) => m.event === 'log-line').map((m) => Number(m.id))).toEqual(
      sent.map((e) => e.id),
    );
    client.close();
  });

  it('keeps a connection to its rate and says how many lines it left out', async () => {
    const client = connect('/?streams=logs&logRate=20');
    await until(() => hub.size === 1);
    deliverLines(200);
    await until(() => client.messages.some((m) => m.event === 'dropped'), 3000);
    expect(lines(client.messages)).toHaveLength(40);
    const notice = JSON.parse(client.messages.find((m) => m.event === 'dropped')!.data) as Record<
      string,
      unknown
    >;
    expect(notice).toMatchObject({ stream: 'logs', count: 160, reasons: ['rate'] });
    client.close();
  });

  it('leaves lines out for a reader that stopped instead of cutting it, and tells it when it reads again', async () => {
    const slow = net.connect(port, '127.0.0.1');
    slow.write('GET /?streams=logs&logRate=all HTTP/1.1\r\nHost: x\r\n\r\n');
    slow.pause();
    let received = '';
    slow.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const fast = connect('/?streams=logs&logRate=all');
    await until(() => hub.size === 2);
    const text = (i: number) => `${i} ${'x'.repeat(500)}`;
    for (let round = 0; round < 100; round++) {
      deliverLines(100, 'web', text);
      await new Promise((r) => setImmediate(r));
    }
    await until(() => lines(fast.messages).length === 10_000, 10_000);
    expect(hub.size).toBe(2);
    slow.resume();
    await until(() => received.includes('event: dropped'), 5000);
    expect(received).toMatch(/"reasons":\["slow"\]/);
    slow.destroy();
    fast.close();
  });

  it('tells a resuming client about the span its stream did not replay', async () => {
    bus.setReplaySource('logs', (afterId) =>
      afterId < 10
        ? { events: [], gaps: [{ stream: 'logs', fromId: afterId + 1, toId: 10 }] }
        : { events: [], gaps: [] },
    );
    bus.reserveIds(20);
    const client = connect('/?streams=logs', { 'Last-Event-ID': '3' });
    await until(() => client.messages.some((m) => m.event === 'dropped'));
    expect(JSON.parse(client.messages.find((m) => m.event === 'dropped')!.data)).toEqual({
      stream: 'logs',
      count: 0,
      fromId: 4,
      toId: 10,
      reasons: ['gap'],
    });
    client.close();
  });
});
