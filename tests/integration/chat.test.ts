import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, until } from './support/client';
import { ChatSocket, clientId, createUser } from './support/chat-socket';
import { startServer, type RunningServer } from './support/server';

describe('chat between two users over real WebSockets', () => {
  let server: RunningServer;
  let admin: string;
  let bob: string;
  const sockets: ChatSocket[] = [];
  const open = async (cookie: string, after?: number | null) => {
    const socket = await ChatSocket.open(server.base, cookie, { after });
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

  it('welcomes each user with #ops and #incidents, the users, and who is online', async () => {
    const a = await open(admin);
    const welcome = a.welcome();
    expect(welcome.user).toEqual({ username: 'admin', role: 'admin' });
    expect(welcome.channels.map((c) => c.key)).toEqual(['incidents', 'ops']);
    expect(welcome.users).toEqual(['admin', 'bob']);
    expect(welcome.presence).toContainEqual({ user: 'admin', status: 'online' });
    const b = await open(bob);
    await a.next('presence', (f) => f.changes.some((c) => c.user === 'bob' && c.status === 'online'));
    expect(
      b
        .welcome()
        .presence.map((p) => p.user)
        .sort(),
    ).toEqual(['admin', 'bob']);
    await b.close();
    await a.next('presence', (f) => f.changes.some((c) => c.user === 'bob' && c.status === 'offline'));
    await a.close();
  });

  it('delivers a message to the other user, confirms it to the sender, and puts it on the SSE stream', async () => {
    const sse = openSse(server.base, '/api/events?streams=chat', { cookie: bob });
    await until(() => sse.messages.some((m) => m.event === 'hello'));
    const a = await open(admin);
    const b = await open(bob);
    const id = clientId();
    a.send({ type: 'send', clientId: id, channel: 'ops', text: 'deploying **api** now, see `make deploy`' });
    const ack = await a.next('ack', (f) => f.clientId === id);
    expect(ack.duplicate).toBe(false);
    const got = await b.next('message', (f) => f.message.id === ack.id);
    expect(got.message).toMatchObject({
      channel: 'ops',
      user: 'admin',
      clientId: id,
      text: 'deploying **api** now, see `make deploy`',
    });
    // The sender sees its own message come back once, with its client id, beside the ack.
    expect(a.all('message').filter((f) => f.message.clientId === id)).toHaveLength(1);
    await until(() => sse.messages.some((m) => m.event === 'chat-message'), 5_000, 'chat-message on SSE');
    const event = JSON.parse(sse.messages.find((m) => m.event === 'chat-message')!.data) as Record<
      string,
      unknown
    >;
    expect(event).toMatchObject({ messageId: ack.id, channel: 'ops', user: 'admin' });
    sse.close();

    b.send({ type: 'typing', channel: 'ops' });
    await a.next('typing', (f) => f.user === 'bob' && f.channel === 'ops');
    expect(b.all('typing').filter((f) => f.user === 'bob')).toHaveLength(0);
    expect([...a.invalid, ...b.invalid]).toEqual([]);
  });

  it('pages back through history, oldest first, with no overlap, over the socket and the REST API', async () => {
    const a = await open(admin);
    const b = await open(bob);
    const ids: number[] = [];
    // 30 messages from two users, each within its burst of the per-user rate limit.
    for (let i = 0; i < 30; i++) {
      const socket = i % 2 === 0 ? a : b;
      const id = clientId();
      socket.send({ type: 'send', clientId: id, channel: 'incidents', text: `line ${i}` });
      ids.push((await socket.next('ack', (f) => f.clientId === id)).id);
    }
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      a.send({ type: 'history', channel: 'incidents', limit: 12, ...(before ? { before } : {}) });
      const page = await a.next('history');
      expect(page.messages.map((m) => m.id)).toEqual(
        [...page.messages.map((m) => m.id)].sort((x, y) => x - y),
      );
      seen.unshift(...page.messages.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.messages[0]!.id;
    }
    expect(seen).toEqual(ids);
    const rest = await fetch(
      `${server.base}/api/chat/messages?channel=incidents&limit=10&before=${ids[20]}`,
      {
        headers: { cookie: bob },
      },
    );
    const body = (await rest.json()) as { messages: { id: number; text: string }[]; hasMore: boolean };
    expect(body.messages.map((m) => m.id)).toEqual(ids.slice(10, 20));
    expect(body.hasMore).toBe(true);
    expect(
      (await fetch(`${server.base}/api/chat/messages?channel=nope`, { headers: { cookie: bob } })).status,
    ).toBe(404);
  });

  it('counts unread messages per user and channel, and keeps the read position across sockets', async () => {
    const b1 = await open(bob);
    const opsBefore = b1.welcome().channels.find((c) => c.key === 'ops')!;
    expect(opsBefore.unread).toBeGreaterThan(0);
    b1.send({ type: 'read', channel: 'ops', lastReadId: opsBefore.lastMessageId });
    const b2 = await open(bob);
    expect(b2.welcome().channels.find((c) => c.key === 'ops')).toMatchObject({
      unread: 0,
      lastReadId: opsBefore.lastMessageId,
    });
    const a = await open(admin);
    const id = clientId();
    a.send({ type: 'send', clientId: id, channel: 'ops', text: 'one more' });
    const { id: newId } = await a.next('ack', (f) => f.clientId === id);
    const b3 = await open(bob);
    expect(b3.welcome().channels.find((c) => c.key === 'ops')?.unread).toBe(1);
    // Reading in one tab clears the badge in the others, and never moves the position back.
    b3.send({ type: 'read', channel: 'ops', lastReadId: newId });
    await b1.next('read', (f) => f.channel === 'ops' && f.lastReadId === newId);
    b3.send({ type: 'read', channel: 'ops', lastReadId: 1 });
    await b1.next('read', (f) => f.lastReadId === newId);
  });

  it('opens a direct message that only its two members receive and that stays off the SSE stream', async () => {
    await createUser(server.base, admin, { username: 'carol', password: 'carol-password-1', role: 'viewer' });
    const carol = await open(await loginCookie(server.base, 'carol', 'carol-password-1'));
    const a = await open(admin);
    const b = await open(bob);
    const sse = openSse(server.base, '/api/events?streams=chat', { cookie: admin });
    await until(() => sse.messages.some((m) => m.event === 'hello'));
    a.send({ type: 'open-dm', user: 'bob' });
    const dm = await a.next('channel');
    expect(dm.channel).toMatchObject({ key: 'dm:admin+bob', kind: 'dm', title: 'bob' });
    expect((await b.next('channel')).channel).toMatchObject({ key: 'dm:admin+bob', title: 'admin' });
    const id = clientId();
    a.send({ type: 'send', clientId: id, channel: 'dm:admin+bob', text: 'just between us' });
    const ack = await a.next('ack', (f) => f.clientId === id);
    await b.next('message', (f) => f.message.id === ack.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(carol.all('message').some((f) => f.message.id === ack.id)).toBe(false);
    expect(sse.messages.some((m) => m.event === 'chat-message' && m.data.includes('just between us'))).toBe(
      false,
    );
    sse.close();
    // Carol can neither read nor write it.
    carol.send({ type: 'history', channel: 'dm:admin+bob' });
    expect((await carol.next('error')).code).toBe('not-found');
    const sneaky = clientId();
    carol.send({ type: 'send', clientId: sneaky, channel: 'dm:admin+bob', text: 'hi' });
    expect(await carol.next('error', (f) => f.clientId === sneaky)).toMatchObject({ code: 'not-found' });
  });

  it('lets operators create channels that every socket learns about, and refuses viewers', async () => {
    const a = await open(admin);
    const b = await open(bob);
    b.send({ type: 'create-channel', name: 'sneaky' });
    expect((await b.next('error')).code).toBe('forbidden');
    a.send({ type: 'create-channel', name: 'Releases', topic: 'Release coordination' });
    expect((await b.next('channel')).channel).toMatchObject({
      key: 'releases',
      kind: 'channel',
      topic: 'Release coordination',
    });
    a.send({ type: 'create-channel', name: 'releases' });
    expect((await a.next('error')).code).toBe('conflict');
    const rest = await fetch(`${server.base}/api/chat/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin, origin: server.base },
      body: JSON.stringify({ name: 'from-rest' }),
    });
    expect(rest.status).toBe(201);
    expect((await b.next('channel', (f) => f.channel.key === 'from-rest')).channel.unread).toBe(0);
    const list = (await (
      await fetch(`${server.base}/api/chat/channels`, { headers: { cookie: bob } })
    ).json()) as {
      channels: { key: string }[];
    };
    expect(list.channels.map((c) => c.key)).toEqual(
      expect.arrayContaining(['ops', 'incidents', 'releases', 'from-rest']),
    );
  });
});
