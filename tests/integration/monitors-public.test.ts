import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlakyTarget, type FlakyTarget } from '../../simulators/uptime/flaky-http';
import { loginCookie, openSse, until } from './support/client';
import { startServer, type RunningServer } from './support/server';

/** The public status page and its data: no login, public monitors only, nothing private, cacheable, live. */
describe('public status page', () => {
  let server: RunningServer;
  let cookie: string;
  let target: FlakyTarget;
  let publicId: number;

  const create = async (body: Record<string, unknown>) => {
    const res = await fetch(`${server.base}/api/monitors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.base },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { monitor: { id: number } }).monitor.id;
  };

  beforeAll(async () => {
    target = await startFlakyTarget();
    server = await startServer();
    cookie = await loginCookie(server.base);
    publicId = await create({ name: 'Website', type: 'http', url: `${target.url}/secret-path`, intervalSeconds: 1, timeoutSeconds: 0.5, public: true });
    await create({ name: 'Internal DB', type: 'tcp', host: '127.0.0.1', port: target.port, intervalSeconds: 1, timeoutSeconds: 0.5, public: false });
  });
  afterAll(async () => {
    await server?.stop();
    await target?.close();
  });

  it('serves /status and its data without login, public monitors only, nothing private', async () => {
    const page = await fetch(`${server.base}/status`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Website');
    expect(html).not.toContain('Internal DB');
    expect(html).not.toContain('secret-path');

    const res = await fetch(`${server.base}/api/status/summary`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=15, stale-while-revalidate=60');
    const text = await res.text();
    expect(text).not.toContain('secret-path');
    expect(text).not.toContain('Internal DB');
    const summary = JSON.parse(text) as { monitors: { name: string; bars: unknown[] }[] };
    expect(summary.monitors.map((m) => m.name)).toEqual(['Website']);
    expect(summary.monitors[0]!.bars).toHaveLength(90);
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${server.base}/api/status/summary`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${server.base}/api/status/incidents?monitorId=${publicId}&day=2026-01-01`)).status).toBe(200);
    expect((await fetch(`${server.base}/api/status/incidents?monitorId=${publicId + 1}&day=2026-01-01`)).status).toBe(404);
    expect((await fetch(`${server.base}/api/status/incidents?monitorId=${publicId}&day=yesterday`)).status).toBe(400);
  });

  it('streams public monitors only, stripped of messages, and resumes after a reconnect', async () => {
    const stream = openSse(server.base, '/api/status/events');
    expect(await stream.status).toBe(200);
    await until(() => stream.messages.some((m) => m.event === 'hello'));
    const hello = JSON.parse(stream.messages.find((m) => m.event === 'hello')!.data) as { snapshot: { monitors: { monitors: { name: string }[] } } };
    expect(hello.snapshot.monitors.monitors.map((m) => m.name)).toEqual(['Website']);

    await target.setMode('error');
    await until(() => stream.messages.some((m) => m.event === 'monitor-status' && m.data.includes('"down"')), 10_000, 'public down');
    await until(() => stream.messages.some((m) => m.event === 'incident'), 5_000, 'public incident');
    for (const m of stream.messages.filter((x) => x.event === 'monitor-status' || x.event === 'incident')) {
      expect(m.data).toContain('Website');
      expect(m.data).not.toContain('503');
      expect(m.data).not.toContain('Internal DB');
      expect(m.data).not.toContain('latencyMs');
    }
    const lastId = stream.ids().at(-1)!;
    stream.close();

    await target.setMode('ok');
    // The dashboard stream sees the recovery too, with its message.
    const dash = openSse(server.base, '/api/events?streams=monitors', { cookie });
    await until(() => dash.messages.some((m) => m.event === 'hello'));
    await new Promise((r) => setTimeout(r, 2_500));
    dash.close();
    const resumed = openSse(server.base, '/api/status/events', { 'last-event-id': String(lastId) });
    await until(() => resumed.messages.some((m) => m.event === 'monitor-status' && m.data.includes('"up"')), 10_000, 'replayed up');
    expect(resumed.ids().every((id) => id > lastId)).toBe(true);
    resumed.close();

    const summary = (await (await fetch(`${server.base}/api/status/summary`, { cache: 'no-store' })).json()) as { monitors: { status: string }[] };
    expect(summary.monitors[0]!.status).toBe('up');
  });

  it('refuses a malformed resume id', async () => {
    expect((await fetch(`${server.base}/api/status/events`, { headers: { 'last-event-id': 'abc' } })).status).toBe(400);
  });
});
