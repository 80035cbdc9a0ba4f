/**
 * The chat socket's wire format (`/ws/chat`): JSON text frames with a `type` key, validated with zod on
 * both ends. Isomorphic: the server, the browser client, tests and the benchmark share these schemas.
 */
import { z } from 'zod';

/** Longest message text, in characters (the same bound as the `chat-message` event). */
export const MAX_TEXT = 4_000;
/** Largest frame the server reads; past it `ws` closes with 1009 (RFC 6455 §7.4.1). */
export const MAX_FRAME_BYTES = 32 * 1024;
export const HISTORY_PAGE_MAX = 100;

/** Close codes the chat socket uses (RFC 6455 §7.4.1). */
export const CHAT_CLOSE = {
  /** Server shutting down: reconnect at once. */
  goingAway: 1001,
  /** Repeated invalid frames. */
  policy: 1008,
  /** Frame larger than MAX_FRAME_BYTES (sent by `ws` itself). */
  tooBig: 1009,
  /** The send buffer passed its bound: reconnect and resume from the last id. */
  tryAgainLater: 1013,
} as const;

/** Public channel names: lower-case words joined by dashes, as typed after `#`. */
export const channelNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, dashes or underscores');

/** A channel key on the wire: a public name, or `dm:<user>+<user>` (sorted, lower-case). */
export const channelKeySchema = z
  .string()
  .min(1)
  .max(140)
  .regex(/^(?:[a-z0-9][a-z0-9_-]{0,39}|dm:[a-z0-9._-]{1,64}\+[a-z0-9._-]{1,64})$/, 'is not a channel');

const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 URL-safe characters');
const idSchema = z.number().int().positive();
const username = z.string().min(1).max(64);

/** The DM key for two users: the same whichever of them asks. */
export function dmKey(a: string, b: string): string {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()].sort();
  return `dm:${x}+${y}`;
}

/** The other member of a DM key, seen from `me`; null for public channels. */
export function dmPeer(key: string, me: string): string | null {
  if (!key.startsWith('dm:')) return null;
  const [a, b] = key.slice(3).split('+');
  return a === me.toLowerCase() ? (b ?? null) : (a ?? null);
}

// ---------------------------------------------------------------------------------------------------
// Client → server

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('send'),
    clientId: clientIdSchema,
    channel: channelKeySchema,
    text: z.string().trim().min(1, 'is empty').max(MAX_TEXT, `is longer than ${MAX_TEXT} characters`),
  }),
  z.object({ type: z.literal('typing'), channel: channelKeySchema }),
  z.object({ type: z.literal('read'), channel: channelKeySchema, lastReadId: idSchema }),
  z.object({
    type: z.literal('history'),
    channel: channelKeySchema,
    before: idSchema.optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
  }),
  z.object({
    type: z.literal('create-channel'),
    name: channelNameSchema,
    topic: z.string().trim().max(200).optional(),
  }),
  z.object({ type: z.literal('open-dm'), user: username }),
  z.object({ type: z.literal('status'), status: z.enum(['online', 'away']) }),
  z.object({ type: z.literal('ping'), t: z.number() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ---------------------------------------------------------------------------------------------------
// Server → client

export const chatMessageSchema = z.object({
  id: idSchema,
  channel: channelKeySchema,
  user: username,
  text: z.string().max(MAX_TEXT * 2),
  ts: z.number().int().nonnegative(),
  clientId: z.string().max(64).optional(),
  /** Posted by Signalboard itself (deploys, monitors, alerts, acks). */
  system: z.boolean().optional(),
  /** A link to the detail inside the dashboard, e.g. `/deploys/api-1842`. */
  link: z.object({ href: z.string().regex(/^\/[A-Za-z0-9/_.~%-]*$/), label: z.string().max(100) }).optional(),
  /** Set on alerts that someone can take with `/ack`. */
  alert: z
    .object({
      level: z.enum(['warning', 'critical']),
      ackedBy: z.string().max(64).optional(),
      ackedAt: z.number().optional(),
    })
    .optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const channelInfoSchema = z.object({
  key: channelKeySchema,
  kind: z.enum(['channel', 'dm']),
  /** `ops` for channels, the other user's name for DMs. */
  title: z.string().max(140),
  topic: z.string().max(200).nullable(),
  unread: z.number().int().nonnegative(),
  lastReadId: z.number().int().nonnegative(),
  lastMessageId: z.number().int().nonnegative(),
});
export type ChannelInfo = z.infer<typeof channelInfoSchema>;

export const presenceEntrySchema = z.object({ user: username, status: z.enum(['online', 'away']) });
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;
/** A change of presence: `offline` when a user's last socket closed. */
export const presenceChangeSchema = z.object({
  user: username,
  status: z.enum(['online', 'away', 'offline']),
});
export type PresenceChange = z.infer<typeof presenceChangeSchema>;

export const ERROR_CODES = [
  'invalid-json',
  'invalid-frame',
  'rate-limited',
  'not-found',
  'forbidden',
  'conflict',
  'unknown-command',
  'internal',
] as const;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    user: z.object({ username, role: z.enum(['viewer', 'operator', 'admin']) }),
    channels: z.array(channelInfoSchema),
    users: z.array(username),
    presence: z.array(presenceEntrySchema),
    /** The newest message id now: the resume point of a fresh client. */
    lastId: z.number().int().nonnegative(),
    /** Echo of the `after` the client connected with (null on a fresh connect). */
    resumedFrom: z.number().int().nonnegative().nullable(),
    serverTime: z.number(),
    limits: z.object({ maxText: z.number(), burst: z.number(), perSecond: z.number() }),
  }),
  z.object({ type: z.literal('message'), message: chatMessageSchema }),
  /** Replay after a reconnect is over; `reset` when the gap was too large to replay. */
  z.object({
    type: z.literal('synced'),
    lastId: z.number().int().nonnegative(),
    replayed: z.number(),
    reset: z.boolean(),
  }),
  z.object({
    type: z.literal('ack'),
    clientId: z.string(),
    id: idSchema,
    ts: z.number(),
    duplicate: z.boolean(),
  }),
  z.object({
    type: z.literal('history'),
    channel: channelKeySchema,
    messages: z.array(chatMessageSchema),
    hasMore: z.boolean(),
  }),
  z.object({ type: z.literal('channel'), channel: channelInfoSchema }),
  z.object({ type: z.literal('presence'), changes: z.array(presenceChangeSchema) }),
  z.object({ type: z.literal('typing'), channel: channelKeySchema, user: username }),
  z.object({
    type: z.literal('read'),
    channel: channelKeySchema,
    lastReadId: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('alert-acked'), id: idSchema, by: username, at: z.number() }),
  z.object({
    type: z.literal('error'),
    code: z.enum(ERROR_CODES),
    reason: z.string().max(500),
    clientId: z.string().optional(),
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('pong'), t: z.number() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** Parses one server frame from the wire; null when it is not JSON or breaks the schema. */
export function parseServerFrame(raw: string): ServerFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = serverFrameSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export type ClientFrameResult =
  { ok: true; frame: ClientFrame } | { ok: false; code: 'invalid-json' | 'invalid-frame'; reason: string };

/** Parses one client frame, with a reason naming the field when it is refused. */
export function parseClientFrame(raw: string): ClientFrameResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid-json', reason: 'Frame is not JSON.' };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'frame'}: ${issue.message}`)
    .join('; ');
  return { ok: false, code: 'invalid-frame', reason: reason.slice(0, 500) };
}
