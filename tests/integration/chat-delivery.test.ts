import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import { ChatSocket, clientId, createUser } from './support/chat-socket';
import { startServer, type RunningServer } from './support/server';

describe('chat delivery: ids, resume after a reconnect or a restart, client-id dedupe', () => {
  let server: RunningServer;
  let admin: string;
  let bob: string;
  let carol: string;
  const sockets: ChatSocket[] = [];
  const open = async (cookie: string, after?: number | null) => {
    const socket = await ChatSocket.open(server.base, cookie, { after });
    sockets.push(socket);
    return socket;
  };
  /** Sends and waits for the confirmation; returns the server id. */
  const say = async (socket: ChatSocket, channel: string, text: string) => {
    const id = clientId();
    socket.send({ type: 'send', clientId: id, channel, text });
    return (await socket.next('ack', (f) => f.clientId === id)).id;
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await loginCookie(server.base);
    for (const name of ['bob', 'carol']) {
      await createUser(server.base, admin, {
        username: name,
        password: `${name}-password-1`,
        role: 'viewer',
      });
    }
    bob = await loginCookie(server.base, 'bob', 'bob-password-1');
    carol = await loginCookie(server.base, 'carol', 'carol-password-1');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await server?.stop();
  });

  it('gives a reconnecting client exactly what it missed, in order, then live messages once', async () => {
    const a = await open(admin);
    const c = await open(carol);
    a.send({ type: 'open-dm', user: 'bob' });
    await a.next('channel');
    a.send({ type: 'open-dm', user: 'carol' });
    await a.next('channel', (f) => f.channel.key === 'dm:admin+carol');

    const b = await open(bob);
    const seenBefore = [await say(a, 'ops', 'before 1'), await say(a, 'ops', 'before 2')];
    await b.next('message', (f) => f.message.id === seenBefore[1]);
    const lastSeen = Math.max(...b.messageIds());
    await b.close();

    const missed = [
      await say(a, 'ops', 'missed 1'),
      await say(c, 'incidents', 'missed 2'),
      await say(a, 'dm:admin+bob', 'missed 3 (a DM to bob)'),
      await say(a, 'ops', 'missed 4'),
    ];
    const notForBob = await say(a, 'dm:admin+carol', 'not for bob');

    const again = await open(bob, lastSeen);
    expect(again.welcome().resumedFrom).toBe(lastSeen);
    const synced = again.all('synced')[0]!;
    expect(synced).toMatchObject({ replayed: missed.length, reset: false });
    expect(again.messageIds()).toEqual(missed);
    expect(again.messageIds()).not.toContain(notForBob);

    const live = await say(a, 'ops', 'live after resume');
    await again.next('message', (f) => f.message.id === live);
    expect(again.messageIds()).toEqual([...missed, live]);
  });

  it('misses nothing and repeats nothing while messages keep arriving during the reconnect', async () => {
    const a = await open(admin);
    const c = await open(carol);
    const b = await open(bob);
    const first = await say(a, 'ops', 'start');
    await b.next('message', (f) => f.message.id === first);
    await b.close();
    // Two senders keep posting without waiting while bob reconnects in the middle.
    const sent: string[] = [];
    let b2: ChatSocket | undefined;
    for (let i = 0; i < 24; i++) {
      const id = clientId();
      sent.push(id);
      (i % 2 ? a : c).send({ type: 'send', clientId: id, channel: 'ops', text: `burst ${i}` });
      if (i === 12) sockets.push((b2 = await ChatSocket.open(server.base, bob, { after: first })));
    }
    const acks = await Promise.all(
      sent.map((id, i) => (i % 2 ? a : c).next('ack', (f) => f.clientId === id)),
    );
    const expected = acks.map((f) => f.id).sort((x, y) => x - y);
    await b2!.next('message', (f) => f.message.id === expected.at(-1));
    const got = b2!.messageIds();
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBe(got.length);
  });

  it('stores a resent message once: same client id, same server id, no second delivery', async () => {
    // Bob sends (admin and carol spent their burst above); admin watches.
    const b = await open(bob);
    const watcher = await open(admin);
    const id = clientId();
    b.send({ type: 'send', clientId: id, channel: 'ops', text: 'sent twice' });
    const first = await b.next('ack', (f) => f.clientId === id);
    await b.close();
    // The page resends after a reconnect because it never saw the ack.
    const again = await open(bob);
    again.send({ type: 'send', clientId: id, channel: 'ops', text: 'sent twice' });
    const second = await again.next('ack', (f) => f.clientId === id);
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    const marker = await say(again, 'ops', 'marker');
    await watcher.next('message', (f) => f.message.id === marker);
    expect(watcher.all('message').filter((f) => f.message.clientId === id)).toHaveLength(1);
  });

  it('tells a client whose resume point it cannot serve to reload (reset)', async () => {
    const b = await open(bob, 10_000_000);
    expect(b.all('synced')[0]).toMatchObject({ reset: true, replayed: 0 });
  });

  it('resumes across a server restart from the same data directory', async () => {
    const b = await open(bob);
    const lastSeen = await say(b, 'ops', 'before the restart');
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    bob = await loginCookie(server.base, 'bob', 'bob-password-1');
    carol = await loginCookie(server.base, 'carol', 'carol-password-1');
    const b2 = await open(bob);
    const afterRestart = await say(b2, 'ops', 'after the restart');
    expect(afterRestart).toBeGreaterThan(lastSeen);
    const c = await open(carol, lastSeen);
    expect(c.messageIds()).toEqual([afterRestart]);
  });
});
