/**
 * What the page knows of the chat, as an immutable state and a pure reducer over server frames and
 * local actions: channels with their messages (ordered by server id, never twice), unread counts,
 * presence, typing, and the outbox of messages not yet confirmed. The connection feeds it; components
 * read it. Pure, so every rule here (dedupe, resume, unread, queueing) is unit-tested.
 */
import type { ChannelInfo, ChatMessage, ServerFrame } from '../../events/chat-frames';

/** Messages kept per channel in the page; older ones are paged back in from the server on demand. */
export const MESSAGES_KEPT = 500;
/** How long "ana is typing" shows after the last notice. */
export const TYPING_SHOWN_MS = 4_000;

export interface OutboxItem {
  clientId: string;
  channel: string;
  text: string;
  queuedAt: number;
  /** queued: waits for the connection (or for `notBefore`); sending: on the wire, unconfirmed. */
  state: 'queued' | 'sending' | 'failed';
  notBefore?: number;
  error?: string;
}

export interface ChannelView {
  info: ChannelInfo;
  messages: readonly ChatMessage[];
  /** Older messages exist on the server; null until the first page was asked for. */
  hasMore: boolean | null;
  loading: boolean;
}

export interface ChatState {
  me: { username: string; role: 'viewer' | 'operator' | 'admin' } | null;
  channels: Readonly<Record<string, ChannelView>>;
  users: readonly string[];
  presence: Readonly<Record<string, 'online' | 'away'>>;
  /** channel → user → shown until (ms). */
  typing: Readonly<Record<string, Readonly<Record<string, number>>>>;
  outbox: readonly OutboxItem[];
  /** The newest message id seen: sent as `?after=` on the next connect. */
  lastId: number | null;
  /** Replay after the last connect is complete: the outbox may be flushed. */
  synced: boolean;
  /** The last problem the server reported that is not tied to one message. */
  notice: string | null;
}

export const INITIAL_CHAT_STATE: ChatState = {
  me: null,
  channels: {},
  users: [],
  presence: {},
  typing: {},
  outbox: [],
  lastId: null,
  synced: false,
  notice: null,
};

export type ChatAction =
  | { type: 'frame'; frame: ServerFrame; now: number }
  | { type: 'enqueue'; item: Omit<OutboxItem, 'state'> }
  | { type: 'sending'; clientIds: readonly string[] }
  | { type: 'disconnected' }
  | { type: 'discard'; clientId: string }
  | { type: 'retry'; clientId: string }
  | { type: 'history-requested'; channel: string }
  | { type: 'mark-read'; channel: string; lastReadId: number }
  | { type: 'dismiss-notice' };

/** Inserts messages into an id-ordered list, skipping ids already there, keeping the newest `cap`. */
export function mergeMessages(
  list: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
  cap = MESSAGES_KEPT,
): { messages: readonly ChatMessage[]; dropped: boolean } {
  if (incoming.length === 0) return { messages: list, dropped: false };
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  const merged = [...byId.values()].sort((a, b) => a.id - b.id);
  const dropped = merged.length > cap;
  return { messages: dropped ? merged.slice(-cap) : merged, dropped };
}

function withChannel(state: ChatState, key: string, change: (view: ChannelView) => ChannelView): ChatState {
  const view = state.channels[key];
  if (!view) return state;
  return { ...state, channels: { ...state.channels, [key]: change(view) } };
}

function addMessage(state: ChatState, message: ChatMessage, now: number): ChatState {
  const lastId = Math.max(state.lastId ?? 0, message.id);
  const view = state.channels[message.channel];
  if (!view) return { ...state, lastId };
  if (view.messages.some((m) => m.id === message.id)) return { ...state, lastId };
  const { messages, dropped } = mergeMessages(view.messages, [message]);
  const mine = message.user === state.me?.username;
  const unread = !mine && message.id > view.info.lastReadId ? view.info.unread + 1 : view.info.unread;
  const typingHere = { ...state.typing[message.channel] };
  delete typingHere[message.user];
  return {
    ...state,
    lastId,
    channels: {
      ...state.channels,
      [message.channel]: {
        ...view,
        messages,
        hasMore: dropped ? true : view.hasMore,
        info: { ...view.info, unread, lastMessageId: Math.max(view.info.lastMessageId, message.id) },
      },
    },
    typing: { ...state.typing, [message.channel]: pruneTyping(typingHere, now) },
    // A confirmed message leaves the outbox, even if its ack was lost.
    outbox: message.clientId ? state.outbox.filter((o) => o.clientId !== message.clientId) : state.outbox,
  };
}

function pruneTyping(map: Record<string, number>, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(map).filter(([, until]) => until > now));
}

function onFrame(state: ChatState, frame: ServerFrame, now: number): ChatState {
  switch (frame.type) {
    case 'welcome': {
      const channels: Record<string, ChannelView> = {};
      for (const info of frame.channels) {
        const old = state.channels[info.key];
        channels[info.key] = {
          info,
          messages: old?.messages ?? [],
          hasMore: old?.hasMore ?? null,
          loading: false,
        };
      }
      const presence = Object.fromEntries(frame.presence.map((p) => [p.user, p.status]));
      return {
        ...state,
        me: frame.user,
        channels,
        users: frame.users,
        presence,
        lastId: state.lastId ?? frame.lastId,
        synced: false,
      };
    }
    case 'synced': {
      if (!frame.reset) return { ...state, synced: true };
      // Too far behind to replay: forget the messages shown; each channel reloads its latest page.
      const channels = Object.fromEntries(
        Object.entries(state.channels).map(([key, view]) => [
          key,
          { ...view, messages: [], hasMore: null, loading: false },
        ]),
      );
      return { ...state, channels, lastId: frame.lastId, synced: true };
    }
    case 'message':
      return addMessage(state, frame.message, now);
    case 'history':
      return withChannel(state, frame.channel, (view) => {
        const { messages } = mergeMessages(
          view.messages,
          frame.messages,
          MESSAGES_KEPT + frame.messages.length,
        );
        return { ...view, messages, hasMore: frame.hasMore, loading: false };
      });
    case 'ack':
      return { ...state, outbox: state.outbox.filter((o) => o.clientId !== frame.clientId) };
    case 'error': {
      if (!frame.clientId) return { ...state, notice: frame.reason };
      const outbox = state.outbox.map((o): OutboxItem => {
        if (o.clientId !== frame.clientId) return o;
        if (frame.code === 'rate-limited') {
          return {
            ...o,
            state: 'queued',
            notBefore: now + (frame.retryAfterMs ?? 1_000),
            error: frame.reason,
          };
        }
        return { ...o, state: 'failed', error: frame.reason };
      });
      return { ...state, outbox };
    }
    case 'channel': {
      const old = state.channels[frame.channel.key];
      return {
        ...state,
        channels: {
          ...state.channels,
          [frame.channel.key]: old
            ? { ...old, info: frame.channel }
            : { info: frame.channel, messages: [], hasMore: null, loading: false },
        },
      };
    }
    case 'presence': {
      const presence = { ...state.presence };
      for (const change of frame.changes) {
        if (change.status === 'offline') delete presence[change.user];
        else presence[change.user] = change.status;
      }
      return { ...state, presence };
    }
    case 'typing': {
      const here = pruneTyping({ ...state.typing[frame.channel], [frame.user]: now + TYPING_SHOWN_MS }, now);
      return { ...state, typing: { ...state.typing, [frame.channel]: here } };
    }
    case 'read':
      return withChannel(state, frame.channel, (view) =>
        markRead(view, frame.lastReadId, state.me?.username),
      );
    case 'alert-acked': {
      const channels = { ...state.channels };
      for (const [key, view] of Object.entries(channels)) {
        if (!view.messages.some((m) => m.id === frame.id)) continue;
        channels[key] = {
          ...view,
          messages: view.messages.map((m) =>
            m.id === frame.id && m.alert
              ? { ...m, alert: { ...m.alert, ackedBy: frame.by, ackedAt: frame.at } }
              : m,
          ),
        };
      }
      return { ...state, channels };
    }
    case 'pong':
      return state;
  }
}

/** Moves the read position forward and recounts unread from the messages the page holds. */
function markRead(view: ChannelView, lastReadId: number, me: string | undefined): ChannelView {
  if (lastReadId <= view.info.lastReadId) return view;
  const unread = view.messages.filter((m) => m.id > lastReadId && m.user !== me).length;
  return { ...view, info: { ...view.info, lastReadId, unread: Math.min(unread, view.info.unread) } };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'frame':
      return onFrame(state, action.frame, action.now);
    case 'enqueue':
      return { ...state, outbox: [...state.outbox, { ...action.item, state: 'queued' }] };
    case 'sending': {
      const ids = new Set(action.clientIds);
      return {
        ...state,
        outbox: state.outbox.map((o) => (ids.has(o.clientId) ? { ...o, state: 'sending' } : o)),
      };
    }
    case 'disconnected':
      // Unconfirmed sends go back to the queue; the server drops a resend it already has.
      return {
        ...state,
        synced: false,
        typing: {},
        outbox: state.outbox.map((o) => (o.state === 'sending' ? { ...o, state: 'queued' } : o)),
      };
    case 'discard':
      return { ...state, outbox: state.outbox.filter((o) => o.clientId !== action.clientId) };
    case 'retry':
      return {
        ...state,
        outbox: state.outbox.map((o) =>
          o.clientId === action.clientId
            ? { ...o, state: 'queued', error: undefined, notBefore: undefined }
            : o,
        ),
      };
    case 'history-requested':
      return withChannel(state, action.channel, (view) => ({ ...view, loading: true }));
    case 'mark-read':
      return withChannel(state, action.channel, (view) =>
        markRead(view, action.lastReadId, state.me?.username),
      );
    case 'dismiss-notice':
      return { ...state, notice: null };
  }
}

/** Outbox items ready to go now, oldest first. */
export function readyToSend(state: ChatState, now: number): OutboxItem[] {
  return state.outbox.filter((o) => o.state === 'queued' && (o.notBefore ?? 0) <= now);
}
