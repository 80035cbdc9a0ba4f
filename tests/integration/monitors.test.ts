/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- the test reads JSON bodies loosely */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsTarget, type DnsTarget } from '../../simulators/uptime/dns-server';
import { startFlakyTarget, type FlakyTarget } from '../../simulators/uptime/flaky-http';
import { loginCookie, openSse, until, type SseClient } from './support/client';
import { startServer, type RunningServer } from './support/server';

/** Real checks against local targets that go up, down, slow and flaky, through the real server. */
describe('uptime monitors against local targets', () => {
  let server: RunningServer;
  let key: string;
  let target: FlakyTarget;
  let dns: DnsTarget;
  let stream: SseClient;
  const received: { body: Record<string, unknown>; attempt: number }[] = [];
  let receiver: http.Server;
  let receiverUrl: string;
  let failFirst = true;

  const api = async (method: string, path: string, body?: unknown, auth = key) => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const statusEvents = (name: string) =>
    stream.messages.filter((m) => m.event === 'monitor-status').map((m) => JSON.parse(m.data) as { name: string; status: string; message?: string }).filter((d) => d.name === name);

  beforeAll(async () => {
    target = await startFlakyTarget();
    dns = await startDnsTarget({ records: { 'app.test': ['10.1.2.3'] } });
    // A webhook receiver that fails its first delivery, to see the retry.
    let attempts = 0;
    receiver = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        attempts++;
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        received.push({ body: JSON.parse(text) as Record<string, unknown>, attempt: attempts });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    server = await startServer();
    const cookie = await loginCookie(server.base);
    const created = await fetch(`${server.base}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.base },
      body: JSON.stringify({ name: 'monitors-it', role: 'admin' }),
    });
    key = ((await created.json()) as { key: string }).key;
    stream = openSse(server.base, '/api/events?streams=monitors', { authorization: `Bearer ${key}` });
    await until(() => stream.messages.some((m) => m.event === 'hello'));
  });
  afterAll(async () => {
    stream?.close();
    await server?.stop();
    await target?.close();
    await dns?.close();
    receiver?.close();
  });

  it('refuses the API without a key, and a viewer may not change monitors', async () => {
    expect((await fetch(`${server.base}/api/monitors`)).status).toBe(401);
    expect((await api('GET', '/api/monitors', undefined, 'sbk_wrong')).status).toBe(401);
    const viewer = await api('POST', '/api/keys', { name: 'viewer', role: 'viewer' });
    const viewerKey = viewer.body.key as string;
    expect((await api('GET', '/api/monitors', undefined, viewerKey)).status).toBe(200);
    expect((await api('POST', '/api/monitors', { name: 'x', type: 'push' }, viewerKey)).status).toBe(403);
  });

  it('creates, edits, pauses, resumes and deletes, with field-level errors', async () => {
    const bad = await api('POST', '/api/monitors', { name: '', type: 'http', url: 'ftp://nope', intervalSeconds: 10, timeoutSeconds: 10 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual(['name', 'timeoutSeconds', 'url']);
    const badTimeout = await api('POST', '/api/monitors', { name: 'slow', type: 'http', url: 'http://127.0.0.1:1/', intervalSeconds: 10, timeoutSeconds: 12 });
    expect(badTimeout.body.fields).toEqual({ timeoutSeconds: 'must be below intervalSeconds (10)' });
    const notJson = await fetch(`${server.base}/api/monitors`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);

    const created = await api('POST', '/api/monitors', { name: 'crud', type: 'tcp', host: '127.0.0.1', port: 1, intervalSeconds: 30 });
    expect(created.status).toBe(201);
    const id = created.body.monitor.id as number;
    expect(created.body.monitor).toMatchObject({ name: 'crud', target: '127.0.0.1:1', timeoutSeconds: 24, status: 'pending', paused: false });
    expect((await api('POST', '/api/monitors', { name: 'CRUD', type: 'push' })).status).toBe(409);

    const edit = await api('PATCH', `/api/monitors/${id}`, { intervalSeconds: 5, timeoutSeconds: 6 });
    expect(edit.status).toBe(422);
    expect(edit.body.fields).toEqual({ timeoutSeconds: 'must be below intervalSeconds (5)' });
    const edited = await api('PATCH', `/api/monitors/${id}`, { intervalSeconds: 5, port: 2 });
    expect(edited.body.monitor).toMatchObject({ intervalSeconds: 5, timeoutSeconds: 4, target: '127.0.0.1:2' });
    expect((await api('PATCH', `/api/monitors/${id}`, { paused: true })).body.monitor.paused).toBe(true);
    expect((await api('PATCH', `/api/monitors/${id}`, { paused: false })).body.monitor).toMatchObject({ paused: false, status: 'pending' });
    expect((await api('DELETE', `/api/monitors/${id}`)).status).toBe(200);
    expect((await api('GET', `/api/monitors/${id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/monitors/${id}`)).status).toBe(404);
  });

  it('follows a target down and up: retries as configured, an incident, notifications with a retry', async () => {
    expect((await api('POST', '/api/monitors/notifications', { name: 'ops hook', url: receiverUrl, format: 'json' })).status).toBe(201);
    const m = await api('POST', '/api/monitors', {
      name: 'shop',
      type: 'http',
      url: `${target.url}/health`,
      intervalSeconds: 2,
      timeoutSeconds: 1,
      retries: 2,
      retryIntervalSeconds: 1,
      jsonPath: '$.status',
      expectedValue: 'ok',
    });
    const id = m.body.monitor.id as number;
    await until(() => statusEvents('shop').some((e) => e.status === 'up'), 10_000, 'shop up');

    await target.setMode('error');
    await until(() => statusEvents('shop').some((e) => e.status === 'down'), 15_000, 'shop down');
    const checks = (await api('GET', `/api/monitors/${id}/checks?limit=4`)).body.checks as { status: string; ok: boolean; message: string }[];
    // Newest first: the down check, then exactly `retries` (2) retried failures, then the last success.
    expect(checks.map((c) => c.status)).toEqual(['down', 'pending', 'pending', 'up']);
    expect(checks[0]!.message).toBe('HTTP 503 Service Unavailable');
    expect(statusEvents('shop').map((e) => e.status)).toEqual(['up', 'pending', 'down']);
    const open = (await api('GET', `/api/monitors/incidents?state=open&monitorId=${id}`)).body.incidents as { id: number; reason: string }[];
    expect(open).toHaveLength(1);
    expect(open[0]!.reason).toBe('HTTP 503 Service Unavailable');
    expect(stream.messages.some((m) => m.event === 'incident' && (JSON.parse(m.data) as { state: string }).state === 'open')).toBe(true);
    // The webhook failed once (500) and was retried.
    await until(() => received.some((r) => r.body.event === 'monitor.down'), 10_000, 'down notification');
    expect(received.find((r) => r.body.event === 'monitor.down')!.attempt).toBeGreaterThanOrEqual(2);

    const note = await api('POST', `/api/monitors/incidents/${open[0]!.id}/notes`, { text: 'Looking into it', public: true });
    expect(note.status).toBe(201);

    await target.setMode('ok');
    await until(() => statusEvents('shop').at(-1)?.status === 'up', 10_000, 'shop back up');
    await until(() => received.some((r) => r.body.event === 'monitor.up'), 10_000, 'up notification');
    const up = received.find((r) => r.body.event === 'monitor.up')!.body as { incident: { state: string }; previous: string };
    expect(up).toMatchObject({ previous: 'down', incident: { state: 'resolved' } });
    expect((await api('GET', `/api/monitors/incidents?state=open&monitorId=${id}`)).body.incidents).toHaveLength(0);
    const detail = await api('GET', `/api/monitors/${id}`);
    expect(detail.body.incidents[0].notes[0]).toMatchObject({ text: 'Looking into it', author: 'key:monitors-it', public: true });
    expect(detail.body.uptime.day).toBeGreaterThan(0);
    expect(detail.body.uptime.day).toBeLessThan(100);
    await api('DELETE', `/api/monitors/${id}`);
  });

  it('a hanging target times out each check and never piles up checks or sockets', async () => {
    await target.setMode('hang');
    const hitsBefore = target.hits;
    const started = Date.now();
    const m = await api('POST', '/api/monitors', { name: 'hang', type: 'http', url: target.url, intervalSeconds: 1, timeoutSeconds: 0.5 });
    const id = m.body.monitor.id as number;
    // Sampled over 4.5 s: one check in flight at most, plus one being torn down.
    let most = 0;
    for (let i = 0; i < 45; i++) {
      most = Math.max(most, target.openConnections);
      await new Promise((r) => setTimeout(r, 100));
    }
    await api('PATCH', `/api/monitors/${id}`, { paused: true });
    const seconds = (Date.now() - started) / 1000;
    const checks = (await api('GET', `/api/monitors/${id}/checks`)).body.checks as { message: string }[];
    const hits = target.hits - hitsBefore;
    await api('DELETE', `/api/monitors/${id}`);
    await target.setMode('ok');
    expect(most).toBeLessThanOrEqual(2);
    expect(checks.length).toBeGreaterThanOrEqual(3);
    // About one check a second: never more than the seconds that passed, plus the first one at once.
    expect(checks.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    // One request per check, plus at most the one cancelled by the pause.
    expect(hits).toBeLessThanOrEqual(checks.length + 1);
    expect(checks.every((c) => c.message === 'Timed out after 0.5 s (waiting for the response)')).toBe(true);
  });

  it('DNS: the expected answer, then a changed record', async () => {
    const m = await api('POST', '/api/monitors', { name: 'dns', type: 'dns', host: 'app.test', expected: '10.1.2.3', resolver: `127.0.0.1:${dns.port}`, intervalSeconds: 2, timeoutSeconds: 1 });
    await until(() => statusEvents('dns').some((e) => e.status === 'up'), 10_000, 'dns up');
    dns.records.set('app.test', ['10.9.9.9']);
    await until(() => statusEvents('dns').some((e) => e.status === 'down'), 10_000, 'dns down');
    expect(statusEvents('dns').at(-1)!.message).toBe('A app.test → 10.9.9.9; expected 10.1.2.3');
    await api('DELETE', `/api/monitors/${m.body.monitor.id as number}`);
  });

  it('push: a wrong token is 404 and records nothing; beats keep it up; missing beats make it down', async () => {
    const m = await api('POST', '/api/monitors', { name: 'cron', type: 'push', intervalSeconds: 2, timeoutSeconds: 1 });
    const id = m.body.monitor.id as number;
    const path = m.body.monitor.pushPath as string;
    expect(path).toMatch(/^\/api\/push\/[\w-]{20,}$/);
    const wrong = await fetch(`${server.base}/api/push/not-the-right-token-at-all`);
    expect(wrong.status).toBe(404);
    expect((await api('GET', `/api/monitors/${id}/checks`)).body.checks).toHaveLength(0);
    const beat = await fetch(`${server.base}${path}?status=up&msg=ok&ping=12`);
    expect(beat.status).toBe(200);
    expect(await beat.json()).toMatchObject({ ok: true, recorded: true, status: 'up' });
    await until(() => statusEvents('cron').some((e) => e.status === 'up'), 5_000, 'cron up');
    // No more beats: down after interval + timeout (3 s).
    await until(() => statusEvents('cron').some((e) => e.status === 'down'), 10_000, 'cron down');
    expect(statusEvents('cron').at(-1)!.message).toMatch(/^No beat for \d+ s \(expected every 2 s\)$/);
    await fetch(`${server.base}${path}`, { method: 'POST' });
    await until(() => statusEvents('cron').at(-1)?.status === 'up', 5_000, 'cron up again');
    await api('DELETE', `/api/monitors/${id}`);
  });

  it('a maintenance window shows "maintenance" instead of down, with no incident', async () => {
    const m = await api('POST', '/api/monitors', { name: 'maint', type: 'http', url: target.url, intervalSeconds: 2, timeoutSeconds: 1 });
    const id = m.body.monitor.id as number;
    await until(() => statusEvents('maint').some((e) => e.status === 'up'), 10_000, 'maint up');
    const now = Date.now();
    const w = await api('POST', '/api/monitors/maintenance', { title: 'DB upgrade', monitorIds: [id], startsAt: now - 1000, endsAt: now + 60_000 });
    expect(w.status).toBe(201);
    expect((await api('POST', '/api/monitors/maintenance', { title: 'x', startsAt: now, endsAt: now - 1 })).body.error).toBe('endsAt: must be after startsAt');
    await until(() => statusEvents('maint').at(-1)?.status === 'maintenance', 5_000, 'maintenance');
    await target.setMode('error');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(statusEvents('maint').at(-1)!.status).toBe('maintenance');
    expect((await api('GET', `/api/monitors/incidents?monitorId=${id}`)).body.incidents).toHaveLength(0);
    await api('DELETE', `/api/monitors/maintenance/${w.body.window.id as number}`);
    await until(() => statusEvents('maint').at(-1)?.status === 'down', 8_000, 'down after maintenance');
    await target.setMode('ok');
    await api('DELETE', `/api/monitors/${id}`);
  });

  it('reports the scheduler: checks run and drift', async () => {
    const stats = (await api('GET', '/api/monitors/scheduler')).body;
    expect(stats).toMatchObject({ engine: true, concurrency: 64 });
    expect(stats.checks).toBeGreaterThan(10);
    expect(stats.driftMs.p99).toBeLessThan(1000);
  });
});
