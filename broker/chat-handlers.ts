import { dmKey, type ClientFrame, type ServerFrame } from '../lib/events/chat-frames';
import { hasRole } from '../lib/server/auth/roles';
import { parseCommand } from '../lib/server/chat/commands';
import type { ChannelRow, ChatStore, MessageDraft } from '../lib/server/chat/store';
import type { ChatClient } from './chat-client';

/** What the frame handlers need from the hub. */
export interface ChatContext {
  store: ChatStore;
  /** Stores, publishes and delivers a message to everyone who may read its channel. */
  post(draft: MessageDraft): ReturnType<ChatStore['addMessage']>;
  /** Sends a frame to every socket that may read the channel, except those of `exceptUserId`. */
  toChannel(channel: ChannelRow, frame: ServerFrame, exceptUserId?: number): void;
  toUser(userId: number, frame: ServerFrame, except?: ChatClient): void;
  /** Ms to wait before this user may post again (0: go ahead). */
  rateLimit(client: ChatClient): number;
  presenceChanged(client: ChatClient): void;
  channelCreated(channel: ChannelRow): void;
}

type Handler<T extends ClientFrame['type']> = (
  ctx: ChatContext,
  client: ChatClient,
  frame: Extract<ClientFrame, { type: T }>,
) => void;

const HISTORY_DEFAULT = 50;
/** Typing notices are passed on at most this often per socket; clients repeat them while typing. */
const TYPING_EVERY_MS = 1_500;
/** A rate-limited sender's socket is not read for this long at most. */
const SLOW_DOWN_MAX_MS = 5_000;

/** The channel behind a key, if this user may read it; answers `not-found` otherwise. */
function readable(ctx: ChatContext, client: ChatClient, key: string, clientId?: string): ChannelRow | null {
  const channel = ctx.store.channel(key);
  if (channel && ctx.store.canRead(client.user, channel)) return channel;
  client.send({
    type: 'error',
    code: 'not-found',
    reason: `No channel ${key}.`,
    ...(clientId ? { clientId } : {}),
  });
  return null;
}

const handleSend: Handler<'send'> = (ctx, client, frame) => {
  const { user } = client;
  // A resend of a message already stored (its ack was lost with the connection): confirm, change nothing.
  const existing = ctx.store.findByClientId(user.id, frame.clientId);
  if (existing) {
    client.send({ type: 'ack', clientId: frame.clientId, id: existing.id, ts: existing.ts, duplicate: true });
    return;
  }
  const wait = ctx.rateLimit(client);
  if (wait > 0) {
    client.send({
      type: 'error',
      code: 'rate-limited',
      reason: `Slow down: too many messages. Try again in ${Math.ceil(wait / 1000)} s.`,
      clientId: frame.clientId,
      retryAfterMs: wait,
    });
    client.slowDown(Math.min(wait, SLOW_DOWN_MAX_MS));
    return;
  }
  const channel = readable(ctx, client, frame.channel, frame.clientId);
  if (!channel) return;
  const command = parseCommand(frame.text);
  if (command.kind === 'unknown') {
    client.send({ type: 'error', code: 'unknown-command', reason: command.reason, clientId: frame.clientId });
    return;
  }
  if (command.kind === 'ack') {
    handleAck(ctx, client, channel, command.alertId, frame.clientId);
    return;
  }
  const message = ctx.post({
    channel,
    userId: user.id,
    username: user.username,
    text: command.text,
    clientId: frame.clientId,
  });
  client.send({ type: 'ack', clientId: frame.clientId, id: message.id, ts: message.ts, duplicate: false });
};

/** `/ack [id]`: records who took an alert, tells every reader, and says so in the channel. */
function handleAck(
  ctx: ChatContext,
  client: ChatClient,
  channel: ChannelRow,
  alertId: number | null,
  clientId: string,
) {
  const fail = (code: 'forbidden' | 'not-found' | 'conflict', reason: string) =>
    client.send({ type: 'error', code, reason, clientId });
  if (!hasRole(client.user.role, 'operator'))
    return fail('forbidden', 'Taking an alert needs the operator role.');
  const id = alertId ?? ctx.store.latestOpenAlert(channel);
  if (id === undefined) return fail('not-found', 'No open alert in this channel.');
  const target = ctx.store.message(id);
  const alertChannel = target ? ctx.store.channel(target.channel) : undefined;
  if (!target?.alert || !alertChannel || !ctx.store.canRead(client.user, alertChannel)) {
    return fail('not-found', `No alert #${id}.`);
  }
  const result = ctx.store.ackAlert(id, client.user.username);
  if (!result.ok) {
    const by = result.message?.alert?.ackedBy;
    return fail(
      result.error,
      result.error === 'conflict' ? `Alert #${id} was already taken by ${by}.` : `No alert #${id}.`,
    );
  }
  const { alert } = result.message;
  ctx.toChannel(alertChannel, {
    type: 'alert-acked',
    id,
    by: client.user.username,
    at: alert?.ackedAt ?? Date.now(),
  });
  const notice = ctx.post({
    channel: alertChannel,
    userId: client.user.id,
    username: client.user.username,
    text: `**${client.user.username}** took alert #${id}: ${target.text}`,
    clientId,
    system: true,
    ...(target.link ? { link: target.link } : {}),
  });
  client.send({ type: 'ack', clientId, id: notice.id, ts: notice.ts, duplicate: false });
}

const handleTyping: Handler<'typing'> = (ctx, client, frame) => {
  const now = Date.now();
  if (now - client.lastTypingAt < TYPING_EVERY_MS) return;
  client.lastTypingAt = now;
  const channel = ctx.store.channel(frame.channel);
  if (!channel || !ctx.store.canRead(client.user, channel)) return;
  ctx.toChannel(
    channel,
    { type: 'typing', channel: channel.key, user: client.user.username },
    client.user.id,
  );
};

const handleRead: Handler<'read'> = (ctx, client, frame) => {
  const channel = readable(ctx, client, frame.channel);
  if (!channel) return;
  const lastReadId = ctx.store.markRead(client.user, channel, frame.lastReadId);
  // The user's other tabs and devices clear their unread badge too.
  ctx.toUser(client.user.id, { type: 'read', channel: channel.key, lastReadId }, client);
};

const handleHistory: Handler<'history'> = (ctx, client, frame) => {
  const channel = readable(ctx, client, frame.channel);
  if (!channel) return;
  const page = ctx.store.history(channel, frame.before, frame.limit ?? HISTORY_DEFAULT);
  client.send({ type: 'history', channel: channel.key, ...page });
};

const handleCreateChannel: Handler<'create-channel'> = (ctx, client, frame) => {
  if (!hasRole(client.user.role, 'operator')) {
    client.send({ type: 'error', code: 'forbidden', reason: 'Creating channels needs the operator role.' });
    return;
  }
  const channel = ctx.store.createChannel(frame.name, frame.topic || null, client.user.id);
  if (!channel) {
    client.send({ type: 'error', code: 'conflict', reason: `#${frame.name} already exists.` });
    return;
  }
  ctx.channelCreated(channel);
};

const handleOpenDm: Handler<'open-dm'> = (ctx, client, frame) => {
  const peer = ctx.store.userByName(frame.user);
  if (!peer || peer.id === client.user.id) {
    client.send({ type: 'error', code: 'not-found', reason: `No other user named ${frame.user}.` });
    return;
  }
  const channel = ctx.store.openDm(dmKey(client.user.username, peer.username), client.user, peer);
  for (const member of [client.user, peer]) {
    const info = ctx.store.channelInfo(member, channel.key);
    if (info) ctx.toUser(member.id, { type: 'channel', channel: info });
  }
};

const handleStatus: Handler<'status'> = (ctx, client, frame) => {
  if (client.status === frame.status) return;
  client.status = frame.status;
  ctx.presenceChanged(client);
};

const handlePing: Handler<'ping'> = (_ctx, client, frame) => client.send({ type: 'pong', t: frame.t });

const HANDLERS: { [T in ClientFrame['type']]: Handler<T> } = {
  send: handleSend,
  typing: handleTyping,
  read: handleRead,
  history: handleHistory,
  'create-channel': handleCreateChannel,
  'open-dm': handleOpenDm,
  status: handleStatus,
  ping: handlePing,
};

/** Runs the handler of a validated frame. */
export function handleFrame(ctx: ChatContext, client: ChatClient, frame: ClientFrame): void {
  (HANDLERS[frame.type] as Handler<typeof frame.type>)(ctx, client, frame);
}
