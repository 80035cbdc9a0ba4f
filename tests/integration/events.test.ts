import net from 'node:net';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, progressEvent, publish, until } from './support/client';
import { startServer, type RunningServer } from './support/server';

describe('the event stream of the real server', () => {
  let server: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer();
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a stream without a session, unknown streams and malformed resume ids', async () => {
    expect((await fetch(`${server.base}/api/events`)).status).toBe(401);
    const unknown = await fetch(`${server.base}/api/events?streams=deploys,nope`, { headers: { cookie } });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { error: string };
    expect(body.error).toContain('Valid streams: deploys, logs');
    const malformed = await fetch(`${server.base}/api/events`, {
      headers: { cookie, 'last-event-id': '12abc' },
    });
    expect(malformed.status).toBe(400);
  });

  it('sends the SSE headers, a retry hint and a hello with the version', async () => {
    const res = await fetch(`${server.base}/api/events?streams=deploys`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: hello')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(text).toMatch(/"version":"\d+\.\d+\.\d+"/);
    await reader.cancel();
  });

  it('gives a reconnecting client every missed event exactly once', async () => {
    const first = openSse(server.base, '/api/events?streams=deploys', { cookie });
    await until(() => first.messages.some((m) => m.event === 'hello'));
    const before = await publish(server.base, cookie, [progressEvent(1), progressEvent(2), progressEvent(3)]);
    await until(() => first.ids().length === 3);
    first.close();
    const missed = await publish(
      server.base,
      cookie,
      Array.from({ length: 25 }, (_, i) => progressEvent(i)),
    );
    const second = openSse(server.base, '/api/events?streams=deploys', {
      cookie,
      'last-event-id': String(before.at(-1)),
    });
    await until(() => second.ids().length >= 25);
    const live = await publish(server.base, cookie, [progressEvent(99)]);
    await until(() => second.ids().length >= 26);
    await new Promise((r) => setTimeout(r, 100));
    expect(second.ids()).toEqual([...missed, ...live]);
    second.close();
  });

  it('resumes a standard EventSource across a server restart with no gap and no duplicate', async () => {
    const received: number[] = [];
    const source = new EventSource(`${server.base}/api/events?streams=deploys`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
    });
    source.addEventListener('deploy-progress', (e) => received.push(Number(e.lastEventId)));
    await until(() => source.readyState === EventSource.OPEN, 10_000, 'EventSource open');
    const firstIds = await publish(server.base, cookie, [progressEvent(10), progressEvent(11)]);
    await until(() => received.length === 2);

    const { code } = await server.stop();
    expect(code).toBe(0);
    // While the server is down the client retries on its own; events published by the next
    // instance before the client is back must still reach it.
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    cookie = await loginCookie(server.base);
    const afterRestart = await publish(
      server.base,
      cookie,
      Array.from({ length: 5 }, (_, i) => progressEvent(20 + i)),
    );
    await until(() => received.length === 7, 20_000, 'resumed events');
    const later = await publish(server.base, cookie, [progressEvent(30)]);
    await until(() => received.length === 8);
    expect(received).toEqual([...firstIds, ...afterRestart, ...later]);
    source.close();
  });

  it('cuts off a consumer that stops reading while another keeps receiving everything', async () => {
    const fast = openSse(server.base, '/api/events?streams=deploys', { cookie });
    await until(() => fast.messages.some((m) => m.event === 'hello'));
    const slow = net.connect(server.port, '127.0.0.1');
    slow.setNoDelay(true);
    slow.write(`GET /api/events?streams=deploys HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`);
    let slowBytes = 0;
    let slowClosed = false;
    slow.once('data', (d: Buffer) => {
      slowBytes += d.length;
      slow.pause(); // stop reading: the kernel buffers fill, then the server's bound is reached
    });
    slow.on('close', () => (slowClosed = true));
    slow.on('error', () => undefined);
    await until(() => slowBytes > 0);

    const message = 'x'.repeat(4000);
    const ids: number[] = [];
    // ~24 MB in all: far past the loopback socket buffers and the per-connection bound.
    for (let batch = 0; batch < 120; batch++) {
      ids.push(
        ...(await publish(
          server.base,
          cookie,
          Array.from({ length: 50 }, (_, i) => progressEvent(i % 100, message)),
        )),
      );
      await until(() => fast.ids().length >= ids.length, 20_000, 'fast client to keep up');
    }
    expect(fast.ids().slice(-ids.length)).toEqual(ids);
    slow.resume();
    await until(() => slowClosed, 10_000, 'slow client to be closed');
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toMatch(/signalboard_slow_consumers_total\{transport="sse"\} [1-9]/);
    fast.close();
  });
});
