import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseServerFrame, type ServerFrame } from '../lib/events/chat-frames';
import { SESSION_COOKIE, createSession } from '../lib/server/auth/sessions';
import { createUser } from '../lib/server/auth/users';
import { EventBus } from '../lib/server/bus';
import { ChatStore } from '../lib/server/chat/store';
import { getMetrics } from '../lib/server/metrics';
import { tempDb } from '../lib/server/test-support';
import { transportLedger } from '../lib/server/transport-stats/ledger';
import { ChatHub, type ChatHubOptions } from './chat-hub';

const DB_KEY = Symbol.for('signalboard.db');

/** A hub on a real HTTP server and a real database, with production code paths and short timers. */
describe('ChatHub liveness and slow consumers', () => {
  let t: ReturnType<typeof tempDb>;
  let server: Server;
  let hub: ChatHub;
  let base: string;
  let cookie: string;

  const start = async (options: Partial<ChatHubOptions>) => {
    hub = new ChatHub(t.db, new ChatStore(t.db), new EventBus(t.db), options);
    hub.start();
    server = createServer();
    server.on('upgrade', hub.handleUpgrade);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const connect = (options: WebSocket.ClientOptions = {}) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/chat`, {
      headers: { cookie },
      origin: base,
      ...options,
    });
    const frames: ServerFrame[] = [];
    ws.on('message', (data) => {
      const frame = parseServerFrame((data as Buffer).toString());
      if (frame) frames.push(frame);
    });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { ws, frames, closed, opened };
  };

  beforeEach(async () => {
    t = tempDb();
    // The upgrade check authenticates against the process-wide store: point it at this test's database.
    (globalThis as Record<symbol, unknown>)[DB_KEY] = t.db;
    const user = await createUser(t.db, { username: 'ana', password: 'password-1', role: 'operator' });
    cookie = `${SESSION_COOKIE}=${createSession(t.db, user.id).token}`;
  });
  afterEach(async () => {
    await hub.close(100);
    await new Promise((resolve) => server.close(resolve));
    delete (globalThis as Record<symbol, unknown>)[DB_KEY];
    t.cleanup();
  });

  it('closes a connection that stops answering pings, and keeps one that answers', async () => {
    await start({ pingIntervalMs: 100 });
    const dead = connect({ autoPong: false });
    const live = connect();
    await Promise.all([dead.opened, live.opened]);
    expect(hub.size).toBe(2);
    // Terminated without a close frame: the client sees 1006 (abnormal closure).
    expect(await dead.closed).toBe(1006);
    await new Promise((r) => setTimeout(r, 350));
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    expect(hub.size).toBe(1);
    live.ws.close();
  });

  it('closes the sockets of a session that ended (signed out, disabled) at the next sweep', async () => {
    await start({ pingIntervalMs: 100 });
    const other = await createUser(t.db, { username: 'bo', password: 'password-2', role: 'viewer' });
    const otherSession = createSession(t.db, other.id).token;
    const kept = connect();
    const ended = connect({ headers: { cookie: `${SESSION_COOKIE}=${otherSession}` } });
    await Promise.all([kept.opened, ended.opened]);
    t.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(other.id);
    expect(await ended.closed).toBe(1008);
    await new Promise((r) => setTimeout(r, 250));
    expect(kept.ws.readyState).toBe(WebSocket.OPEN);
    expect(hub.size).toBe(1);
    kept.ws.close();
  });

  it('cuts a client that stops reading once its send buffer passes the bound', async () => {
    await start({ maxBufferedBytes: 256 * 1024 });
    const before =
      (await getMetrics().slowConsumers.get()).values.find((v) => v.labels.transport === 'ws')?.value ?? 0;
    const slow = connect();
    const fast = connect();
    await Promise.all([slow.opened, fast.opened]);
    // The slow client stops reading: its kernel buffers fill, then the server's.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const store = new ChatStore(t.db);
    const ops = store.channel('ops')!;
    const text = 'z'.repeat(3_900);
    for (let i = 0; i < 4_000 && hub.size === 2; i++) {
      hub.post({ channel: ops, userId: null, username: 'signalboard', text, system: true });
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(hub.size).toBe(1);
    const after =
      (await getMetrics().slowConsumers.get()).values.find((v) => v.labels.transport === 'ws')?.value ?? 0;
    expect(after - before).toBe(1);
    // The fast one kept everything so far, in order.
    await new Promise((r) => setTimeout(r, 200));
    const ids = fast.frames.flatMap((f) => (f.type === 'message' ? [f.message.id] : []));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    fast.ws.close();
    slow.ws.terminate();
  });

  it('counts the bytes of every frame both ways, times a message through the hub and the first ping', async () => {
    await start({});
    const ledger = transportLedger('ws');
    const rttBefore = ledger.roundTrip.total;
    const deliveryBefore = ledger.delivery.total;
    const a = connect();
    const b = connect();
    // Every byte each client receives, as frames on the wire would be: the ws client hands over payloads.
    const received = { a: 0, b: 0 };
    const header = (n: number) => (n < 126 ? 2 : n < 65_536 ? 4 : 10);
    a.ws.on('message', (data) => (received.a += (data as Buffer).length + header((data as Buffer).length)));
    b.ws.on('message', (data) => (received.b += (data as Buffer).length + header((data as Buffer).length)));
    await Promise.all([a.opened, b.opened]);
    await new Promise((r) => setTimeout(r, 300)); // welcome, synced and presence have gone out
    const before = { messages: ledger.messages, bytes: ledger.bytes, framing: ledger.framing, ...received };

    const send = JSON.stringify({
      type: 'send',
      clientId: 'client-0001',
      channel: 'ops',
      text: 'x'.repeat(200),
    });
    a.ws.send(send);
    await new Promise((r) => setTimeout(r, 300));
    const got = received.a - before.a + (received.b - before.b);
    // In: one masked frame (4-byte header for 126–65,535 bytes, +4 mask). Out: the message to both, the ack.
    expect(ledger.bytes - before.bytes).toBe(Buffer.byteLength(send) + 8 + got);
    expect(ledger.messages - before.messages).toBe(4);
    // Headers: 8 in; 4 for each 200-character message frame out; 2 for the short ack.
    expect(ledger.framing - before.framing).toBe(8 + 2 * 4 + 2);
    expect(ledger.delivery.total - deliveryBefore).toBe(1);
    // One pong per socket, from the first ping two seconds after connecting (control frames, not counted).
    const end = Date.now() + 5_000;
    while (ledger.roundTrip.total - rttBefore < 2 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    expect(ledger.roundTrip.total - rttBefore).toBe(2);
    a.ws.close();
    b.ws.close();
  });
});
