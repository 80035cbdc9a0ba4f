import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import { ChatSocket, clientId, createUser, upgradeStatus } from './support/chat-socket';
import { startServer, type RunningServer } from './support/server';

describe('chat socket: who may connect, and what it does with bad input', () => {
  let server: RunningServer;
  let admin: string;
  let bob: string;
  const sockets: ChatSocket[] = [];
  const open = async (cookie: string) => {
    const socket = await ChatSocket.open(server.base, cookie);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await loginCookie(server.base);
    await createUser(server.base, admin, { username: 'bob', password: 'bob-password-1', role: 'viewer' });
    bob = await loginCookie(server.base, 'bob', 'bob-password-1');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await server?.stop();
  });

  it('refuses an upgrade without a session (401) or from another origin (403) with an HTTP answer', async () => {
    const origin = server.base;
    const anonymous = await upgradeStatus(server.base, { Origin: origin });
    expect(anonymous.status).toBe(401);
    const refusal = JSON.parse(anonymous.body) as { ok: boolean; error: string };
    expect(refusal.ok).toBe(false);
    expect(refusal.error).toMatch(/sign in/i);
    expect(
      (await upgradeStatus(server.base, { Origin: origin, Cookie: 'sb_session=sbs_forged' })).status,
    ).toBe(401);
    expect((await upgradeStatus(server.base, { Origin: 'http://evil.example', Cookie: admin })).status).toBe(
      403,
    );
    expect((await upgradeStatus(server.base, { Cookie: admin })).status).toBe(403);
    expect((await upgradeStatus(server.base, { Origin: 'null', Cookie: admin })).status).toBe(403);
    expect(
      (await upgradeStatus(server.base, { Origin: origin, Cookie: admin }, '/ws/chat?after=abc')).status,
    ).toBe(400);
    expect((await upgradeStatus(server.base, { Origin: origin, Cookie: admin })).status).toBe(101);

    // The same with the ws client: no socket ever opens.
    const ws = new WebSocket(`${server.base.replace('http', 'ws')}/ws/chat`, {
      origin: 'http://evil.example',
      headers: { cookie: admin },
    });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  it('refuses API keys: the chat is for signed-in people', async () => {
    const res = await fetch(`${server.base}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin, origin: server.base },
      body: JSON.stringify({ name: 'bot', role: 'operator' }),
    });
    const { key } = (await res.json()) as { key: string };
    const refused = await upgradeStatus(server.base, { Origin: server.base, Authorization: `Bearer ${key}` });
    expect(refused.status).toBe(403);
  });

  it('stores and echoes HTML and script as the exact text typed', async () => {
    const a = await open(admin);
    const b = await open(bob);
    const hostile =
      '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3)) & "quotes"';
    const id = clientId();
    a.send({ type: 'send', clientId: id, channel: 'ops', text: hostile });
    const ack = await a.next('ack', (f) => f.clientId === id);
    expect((await b.next('message', (f) => f.message.id === ack.id)).message.text).toBe(hostile);
    const rest = (await (
      await fetch(`${server.base}/api/chat/messages?channel=ops`, { headers: { cookie: bob } })
    ).json()) as {
      messages: { id: number; text: string }[];
    };
    expect(rest.messages.find((m) => m.id === ack.id)?.text).toBe(hostile);
  });

  it('answers bad frames with an error naming the problem and keeps the connection', async () => {
    const a = await open(admin);
    a.ws.send('{not json');
    expect(await a.next('error')).toMatchObject({ code: 'invalid-json', reason: 'Frame is not JSON.' });
    a.send({ type: 'send', clientId: 'short', channel: 'ops', text: 'x' } as never);
    expect(
      await a.next('error', (f) => f.code === 'invalid-frame' && f.reason.includes('clientId')),
    ).toBeTruthy();
    a.send({ type: 'send', clientId: clientId(), channel: 'ops', text: 'x'.repeat(4_001) });
    expect(
      await a.next('error', (f) => f.code === 'invalid-frame' && f.reason.includes('text')),
    ).toBeTruthy();
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await a.next('error', (f) => f.code === 'invalid-frame' && /binary/i.test(f.reason))).toBeTruthy();
    a.send({ type: 'ping', t: 42 });
    expect(await a.next('pong')).toEqual({ type: 'pong', t: 42 });
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    // Nothing was stored by the refused frames.
    a.send({ type: 'history', channel: 'ops', limit: 100 });
    expect((await a.next('history')).messages.some((m) => m.text.startsWith('xxxx'))).toBe(false);
  });

  it('closes with 1008 after repeated bad frames', async () => {
    const a = await open(admin);
    for (let i = 0; i < 5; i++) a.ws.send(`garbage ${i}`);
    const { code, reason } = await a.closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/invalid frames/);
    expect(a.all('error')).toHaveLength(5);
  });

  it('closes with 1009 when a frame is larger than the limit', async () => {
    const a = await open(admin);
    a.ws.send(
      JSON.stringify({ type: 'send', clientId: clientId(), channel: 'ops', text: 'y'.repeat(64 * 1024) }),
    );
    expect((await a.closed).code).toBe(1009);
  });

  it('tells a user over the rate limit to wait, slows the socket down, and keeps it', async () => {
    const b = await open(bob);
    const ids = Array.from({ length: 24 }, () => clientId());
    for (const id of ids) b.send({ type: 'send', clientId: id, channel: 'incidents', text: `flood ${id}` });
    const limited = await b.next('error', (f) => f.code === 'rate-limited');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.reason).toMatch(/slow down/i);
    expect(ids).toContain(limited.clientId);
    expect(b.all('ack').length).toBe(20);
    // While paused the server does not read: a ping right now is answered only after the pause.
    const sent = Date.now();
    b.send({ type: 'ping', t: sent });
    await b.next('pong', (f) => f.t === sent);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(300);
    await new Promise((r) => setTimeout(r, limited.retryAfterMs! + 100));
    const later = clientId();
    b.send({ type: 'send', clientId: later, channel: 'incidents', text: 'calm now' });
    expect((await b.next('ack', (f) => f.clientId === later)).duplicate).toBe(false);
  });
});
