import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInfo, ClientFrame, ServerFrame } from '../../events/chat-frames';
import { ChatConnection } from './chat-connection';
import type { SocketEvent, WebSocketLike } from './socket';

type Listener = (event: SocketEvent) => void;

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: ClientFrame[] = [];
  private listeners: Record<string, Listener[]> = {};
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Listener): void {
    (this.listeners[type] ??= []).push(listener);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(): void {
    this.readyState = 3;
  }
  emit(type: string, event: SocketEvent = {}): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.listeners[type] ?? []) l(event);
  }
  frame(frame: ServerFrame): void {
    this.emit('message', { data: JSON.stringify(frame) });
  }
}

const ops: ChannelInfo = {
  key: 'ops',
  kind: 'channel',
  title: 'ops',
  topic: null,
  unread: 0,
  lastReadId: 0,
  lastMessageId: 0,
};
const welcome = (lastId: number): ServerFrame => ({
  type: 'welcome',
  user: { username: 'ana', role: 'operator' },
  channels: [ops],
  users: ['ana', 'bo'],
  presence: [],
  lastId,
  resumedFrom: null,
  serverTime: 0,
  limits: { maxText: 4000, burst: 20, perSecond: 2 },
});
const message = (id: number, clientId?: string): ServerFrame => ({
  type: 'message',
  message: {
    id,
    channel: 'ops',
    user: clientId ? 'ana' : 'bo',
    text: `m${id}`,
    ts: 0,
    ...(clientId ? { clientId } : {}),
  },
});

describe('ChatConnection', () => {
  let sockets: FakeSocket[];
  let ids: number;
  let connection: ChatConnection;
  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    ids = 0;
    connection = new ChatConnection({
      url: (after) => `ws://test/ws/chat${after === null ? '' : `?after=${after}`}`,
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      probeAuth: async () => 'ok',
      newClientId: () => `client-id-${++ids}`,
      machine: { random: () => 0.5 },
    });
  });
  afterEach(() => {
    connection.dispose();
    vi.useRealTimers();
  });

  const connect = (socket: FakeSocket, lastId: number, replay: ServerFrame[] = []) => {
    socket.emit('open');
    socket.frame(welcome(lastId));
    for (const f of replay) socket.frame(f);
    socket.frame({ type: 'synced', lastId, replayed: replay.length, reset: false });
  };

  it('queues sends made while offline and sends each once after the replay of a reconnect', () => {
    connection.start();
    connect(sockets[0]!, 5);
    sockets[0]!.frame(message(6));
    sockets[0]!.emit('close', { code: 1006, reason: '' });
    expect(connection.getStatus().kind).toBe('reconnecting');
    connection.send('ops', 'while offline 1');
    connection.send('ops', 'while offline 2');
    expect(connection.getState().outbox.map((o) => o.state)).toEqual(['queued', 'queued']);

    vi.advanceTimersByTime(60_000);
    const second = sockets[1]!;
    expect(second.url).toBe('ws://test/ws/chat?after=6');
    second.emit('open');
    second.frame(welcome(8));
    second.frame(message(7));
    expect(second.sent.filter((f) => f.type === 'send')).toHaveLength(0);
    second.frame({ type: 'synced', lastId: 8, replayed: 1, reset: false });
    const sends = second.sent.filter((f) => f.type === 'send');
    expect(sends.map((f) => f.type === 'send' && f.text)).toEqual(['while offline 1', 'while offline 2']);

    // Confirmed (one by its ack, one by its message arriving first): the outbox empties, nothing resent.
    second.frame(message(9, 'client-id-1'));
    second.frame({ type: 'ack', clientId: 'client-id-2', id: 10, ts: 0, duplicate: false });
    expect(connection.getState().outbox).toEqual([]);
    expect(connection.getState().channels.ops?.messages.map((m) => m.id)).toEqual([6, 7, 9]);
    expect(connection.getState().lastId).toBe(9);
  });

  it('resends an unconfirmed message after a drop, with the same client id', () => {
    connection.start();
    connect(sockets[0]!, 0);
    connection.send('ops', 'hello');
    expect(sockets[0]!.sent.at(-1)).toMatchObject({ type: 'send', clientId: 'client-id-1' });
    sockets[0]!.emit('close', { code: 1001, reason: 'Server shutting down' });
    // A shutdown reconnects at once, without waiting for a backoff.
    expect(sockets).toHaveLength(2);
    connect(sockets[1]!, 0);
    expect(sockets[1]!.sent.filter((f) => f.type === 'send')).toMatchObject([
      { clientId: 'client-id-1', text: 'hello' },
    ]);
  });

  it('waits out a rate limit before sending again, and marks refused messages failed', () => {
    connection.start();
    connect(sockets[0]!, 0);
    connection.send('ops', 'one');
    sockets[0]!.frame({
      type: 'error',
      code: 'rate-limited',
      reason: 'Slow down',
      clientId: 'client-id-1',
      retryAfterMs: 1500,
    });
    expect(sockets[0]!.sent.filter((f) => f.type === 'send')).toHaveLength(1);
    vi.advanceTimersByTime(1_600);
    expect(sockets[0]!.sent.filter((f) => f.type === 'send')).toHaveLength(2);
    connection.send('nope', 'two');
    sockets[0]!.frame({
      type: 'error',
      code: 'not-found',
      reason: 'No channel nope.',
      clientId: 'client-id-2',
    });
    expect(connection.getState().outbox.find((o) => o.clientId === 'client-id-2')).toMatchObject({
      state: 'failed',
    });
  });

  it('counts unread messages from others and clears them when read', () => {
    connection.start();
    connect(sockets[0]!, 0);
    sockets[0]!.frame(message(1));
    sockets[0]!.frame(message(2));
    sockets[0]!.frame(message(2));
    sockets[0]!.frame(message(3, 'mine-000001'));
    expect(connection.getState().channels.ops?.info.unread).toBe(2);
    connection.markRead('ops');
    expect(connection.getState().channels.ops?.info.unread).toBe(0);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'read', channel: 'ops', lastReadId: 3 });
  });
});
