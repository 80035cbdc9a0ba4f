import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, publish } from './support/client';
import { ChatSocket, clientId, createUser } from './support/chat-socket';
import { startServer, type RunningServer } from './support/server';

const DEPLOY_SECRET = 'it-chat-deploy-secret-0123456789';

describe('system messages in #ops, /ack, and shutdown', () => {
  let server: RunningServer;
  let admin: string;
  let viewer: string;
  const sockets: ChatSocket[] = [];
  const open = async (cookie: string) => {
    const socket = await ChatSocket.open(server.base, cookie);
    sockets.push(socket);
    return socket;
  };
  const deployWebhook = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', DEPLOY_SECRET).update(`${ts}.${body}`).digest('hex');
    return fetch(`${server.base}/api/webhooks/deploy`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signalboard-timestamp': ts,
        'x-signalboard-signature': `sha256=${sig}`,
      },
      body,
    });
  };
  const systemMessage = (socket: ChatSocket, match: RegExp) =>
    socket.next('message', (f) => f.message.system === true && match.test(f.message.text));

  beforeAll(async () => {
    server = await startServer({ env: { DEPLOY_WEBHOOK_SECRET: DEPLOY_SECRET } });
    admin = await loginCookie(server.base);
    await createUser(server.base, admin, { username: 'vic', password: 'vic-password-1', role: 'viewer' });
    viewer = await loginCookie(server.base, 'vic', 'vic-password-1');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await server?.stop();
  });

  it('posts deploy failures (as alerts) and successes from the signed webhook, linking to the deploy', async () => {
    const a = await open(admin);
    for (const status of ['started', 'failure'] as const) {
      const res = await deployWebhook({
        deployId: 'api-77',
        service: 'api',
        environment: 'production',
        status,
        message: 'tests failed <b>3</b>',
      });
      expect(res.status).toBe(200);
    }
    const failed = await systemMessage(a, /failed/);
    expect(failed.message).toMatchObject({
      channel: 'ops',
      user: 'signalboard',
      link: { href: '/deploys/api-77', label: 'Deploy api-77' },
      alert: { level: 'critical' },
    });
    expect(failed.message.text).toMatch(/^Deploy of \*\*api\*\* failed in .*: tests failed <b>3<\/b>$/);
    for (const status of ['started', 'success'] as const) {
      await deployWebhook({ deployId: 'web-8', service: 'web', environment: 'staging', status });
    }
    const ok = await systemMessage(a, /succeeded/);
    expect(ok.message.link?.href).toBe('/deploys/web-8');
    expect(ok.message.alert).toBeUndefined();
  });

  it('posts monitors going down and coming back up once each, and sensor alerts', async () => {
    const a = await open(admin);
    await publish(server.base, admin, [
      { type: 'monitor-status', data: { name: 'checkout', status: 'up' } },
      { type: 'monitor-status', data: { name: 'checkout', status: 'down', message: 'HTTP 502' } },
      { type: 'monitor-status', data: { name: 'checkout', status: 'down', message: 'HTTP 502' } },
      { type: 'monitor-status', data: { name: 'checkout', status: 'up', latencyMs: 87 } },
      {
        type: 'sensor-alert',
        data: { deviceId: 'cold-room-2', metric: 'temperature', value: 9.5, threshold: 8, level: 'warning' },
      },
    ]);
    const down = await systemMessage(a, /checkout\*\* is down/);
    expect(down.message).toMatchObject({
      text: 'Monitor **checkout** is down: HTTP 502',
      alert: { level: 'critical' },
      link: { href: '/uptime' },
    });
    const up = await systemMessage(a, /checkout\*\* is back up/);
    expect(up.message.text).toBe('Monitor **checkout** is back up (87 ms).');
    const sensor = await systemMessage(a, /Sensor alert/);
    expect(sensor.message).toMatchObject({ alert: { level: 'warning' }, link: { href: '/sensors' } });
    expect(a.all('message').filter((f) => /checkout\*\* is down/.test(f.message.text))).toHaveLength(1);
  });

  it('records who took an alert with /ack, once, and refuses viewers', async () => {
    const a = await open(admin);
    const v = await open(viewer);
    await publish(server.base, admin, [
      {
        type: 'sensor-alert',
        data: { deviceId: 'pump-1', metric: 'pressure', value: 12, threshold: 10, level: 'critical' },
      },
    ]);
    const alert = await systemMessage(a, /pump-1/);

    const tryViewer = clientId();
    v.send({ type: 'send', clientId: tryViewer, channel: 'ops', text: '/ack' });
    expect(await v.next('error', (f) => f.clientId === tryViewer)).toMatchObject({ code: 'forbidden' });

    const take = clientId();
    a.send({ type: 'send', clientId: take, channel: 'ops', text: '/ack' });
    const acked = await v.next('alert-acked', (f) => f.id === alert.message.id);
    expect(acked.by).toBe('admin');
    const notice = await v.next('message', (f) => f.message.clientId === take);
    expect(notice.message).toMatchObject({ system: true, user: 'admin', link: { href: '/sensors' } });
    expect(notice.message.text).toMatch(new RegExp(`^\\*\\*admin\\*\\* took alert #${alert.message.id}:`));
    expect((await a.next('ack', (f) => f.clientId === take)).id).toBe(notice.message.id);

    const again = clientId();
    a.send({ type: 'send', clientId: again, channel: 'ops', text: `/ack ${alert.message.id}` });
    const conflict = await a.next('error', (f) => f.clientId === again);
    expect(conflict.code).toBe('conflict');
    expect(conflict.reason).toContain('already taken by admin');
    const missing = clientId();
    a.send({ type: 'send', clientId: missing, channel: 'ops', text: '/ack 999999' });
    expect(await a.next('error', (f) => f.clientId === missing)).toMatchObject({ code: 'not-found' });
    const unknown = clientId();
    a.send({ type: 'send', clientId: unknown, channel: 'ops', text: '/shrug' });
    expect(await a.next('error', (f) => f.clientId === unknown)).toMatchObject({ code: 'unknown-command' });

    // History carries who took it, for pages loaded later.
    a.send({ type: 'history', channel: 'ops' });
    const page = await a.next('history');
    expect(page.messages.find((m) => m.id === alert.message.id)?.alert).toMatchObject({
      level: 'critical',
      ackedBy: 'admin',
    });
  });

  it('closes every chat socket with 1001 when the server shuts down', async () => {
    const a = await open(admin);
    const v = await open(viewer);
    const { code, ms } = await server.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    expect((await a.closed).code).toBe(1001);
    expect((await v.closed).code).toBe(1001);
  });
});
