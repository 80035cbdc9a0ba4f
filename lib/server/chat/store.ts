import 'server-only';
import type { ChannelInfo, ChatMessage } from '../../events/chat-frames';
import { dmPeer } from '../../events/chat-frames';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store';

/** Who reads or writes: a signed-in user (API keys have negative ids and no DMs). */
export interface ChatUser {
  id: number;
  username: string;
}

export interface ChannelRow {
  id: number;
  key: string;
  kind: 'channel' | 'dm';
  topic: string | null;
}

/** What a new message carries besides its text; system messages add a link and maybe an alert. */
export interface MessageDraft {
  channel: ChannelRow;
  /** null for messages posted by Signalboard itself. */
  userId: number | null;
  username: string;
  text: string;
  clientId?: string;
  system?: boolean;
  link?: { href: string; label: string };
  alert?: 'warning' | 'critical';
}

interface MessageRow {
  id: number;
  key: string;
  username: string;
  text: string;
  client_id: string | null;
  system: number;
  link_href: string | null;
  link_label: string | null;
  alert_level: 'warning' | 'critical' | null;
  acked_by: string | null;
  acked_at: number | null;
  created_at: number;
}

const MESSAGE_COLUMNS = `m.id, c.key, m.username, m.text, m.client_id, m.system, m.link_href, m.link_label,
  m.alert_level, m.acked_by, m.acked_at, m.created_at`;
/** Public channels, plus the DMs the user is a member of. */
const VISIBLE = `(c.kind = 'channel' OR EXISTS (SELECT 1 FROM chat_members v WHERE v.channel_id = c.id AND v.user_id = @user))`;
/** Unread counts stop here: "999+" says enough. */
const UNREAD_CAP = 999;

function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    channel: row.key,
    user: row.username,
    text: row.text,
    ts: row.created_at,
    ...(row.client_id ? { clientId: row.client_id } : {}),
    ...(row.system ? { system: true } : {}),
    ...(row.link_href ? { link: { href: row.link_href, label: row.link_label ?? row.link_href } } : {}),
    ...(row.alert_level
      ? {
          alert: {
            level: row.alert_level,
            ...(row.acked_by ? { ackedBy: row.acked_by, ackedAt: row.acked_at ?? 0 } : {}),
          },
        }
      : {}),
  };
}

/**
 * Chat persistence in SQLite: channels and DMs, messages with paging back in time, client-id dedupe,
 * read positions and alert acknowledgements. Synchronous (better-sqlite3), so a read and the
 * registration of a live listener that follows it cannot be split by a new message.
 */
export class ChatStore {
  private readonly insertMessage;
  private readonly byClientId;
  private readonly byId;

  /** Statements prepared once per store (preparing costs tens of µs; the send path runs several). */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.insertMessage = db.prepare(
      `INSERT INTO chat_messages (channel_id, user_id, username, text, client_id, system, link_href, link_label,
         alert_level, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byClientId = db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id
       WHERE m.user_id = ? AND m.client_id = ?`,
    );
    this.byId = db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id WHERE m.id = ?`,
    );
  }

  private sql(source: string): Statement {
    let statement = this.statements.get(source);
    if (!statement) this.statements.set(source, (statement = this.db.prepare(source)));
    return statement;
  }

  channel(key: string): ChannelRow | undefined {
    return this.sql('SELECT id, key, kind, topic FROM chat_channels WHERE key = ?').get(key) as
      ChannelRow | undefined;
  }

  canRead(user: ChatUser, channel: ChannelRow): boolean {
    if (channel.kind === 'channel') return true;
    return (
      this.sql('SELECT 1 FROM chat_members WHERE channel_id = ? AND user_id = ?').get(channel.id, user.id) !==
      undefined
    );
  }

  /** Ids of the members of a DM (empty for public channels, which everyone reads). */
  members(channel: ChannelRow): number[] {
    if (channel.kind === 'channel') return [];
    return this.sql('SELECT user_id FROM chat_members WHERE channel_id = ?')
      .pluck()
      .all(channel.id) as number[];
  }

  createChannel(name: string, topic: string | null, createdBy: number | null): ChannelRow | null {
    const result = this.sql(
      `INSERT INTO chat_channels (key, kind, topic, created_by, created_at) VALUES (?, 'channel', ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
    ).run(name, topic, createdBy !== null && createdBy > 0 ? createdBy : null, Date.now());
    return result.changes ? (this.channel(name) ?? null) : null;
  }

  /** The DM between two users, created on first use. */
  openDm(key: string, a: ChatUser, b: ChatUser): ChannelRow {
    return this.db.transaction(() => {
      const existing = this.channel(key);
      if (existing) return existing;
      const id = Number(
        this.sql(`INSERT INTO chat_channels (key, kind, created_by, created_at) VALUES (?, 'dm', ?, ?)`).run(
          key,
          a.id,
          Date.now(),
        ).lastInsertRowid,
      );
      const member = this.sql('INSERT OR IGNORE INTO chat_members (channel_id, user_id) VALUES (?, ?)');
      member.run(id, a.id);
      member.run(id, b.id);
      return { id, key, kind: 'dm' as const, topic: null };
    }).immediate();
  }

  /** Enabled users by name, for DMs and mentions. */
  userByName(username: string): ChatUser | undefined {
    return this.sql('SELECT id, username FROM users WHERE username = ? AND disabled = 0').get(username) as
      ChatUser | undefined;
  }

  usernames(): string[] {
    return this.sql('SELECT username FROM users WHERE disabled = 0 ORDER BY username')
      .pluck()
      .all() as string[];
  }

  addMessage(draft: MessageDraft): ChatMessage {
    const now = Date.now();
    const id = Number(
      this.insertMessage.run(
        draft.channel.id,
        draft.userId,
        draft.username,
        draft.text,
        draft.clientId ?? null,
        draft.system ? 1 : 0,
        draft.link?.href ?? null,
        draft.link?.label ?? null,
        draft.alert ?? null,
        now,
      ).lastInsertRowid,
    );
    return this.message(id)!;
  }

  message(id: number): ChatMessage | undefined {
    const row = this.byId.get(id) as MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  /** The message a sender already stored under this client id (a resend after a lost ack). */
  findByClientId(userId: number, clientId: string): ChatMessage | undefined {
    const row = this.byClientId.get(userId, clientId) as MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  /** A page of a channel's history older than `before` (newest page when absent), oldest first. */
  history(
    channel: ChannelRow,
    before: number | undefined,
    limit: number,
  ): { messages: ChatMessage[]; hasMore: boolean } {
    const rows = this.sql(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id
         WHERE m.channel_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
    ).all(channel.id, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as MessageRow[];
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /** Every message the user may read with an id above `afterId`, in id order, at most `limit`. */
  messagesAfter(user: ChatUser, afterId: number, limit: number): ChatMessage[] {
    const rows = this.sql(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id
         WHERE m.id > @after AND ${VISIBLE} ORDER BY m.id LIMIT @limit`,
    ).all({ after: afterId, user: user.id, limit }) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The newest message id ever stored (0 before the first): a fresh client's resume point. */
  lastId(): number {
    return Number(
      this.sql("SELECT seq FROM sqlite_sequence WHERE name = 'chat_messages'").pluck().get() ?? 0,
    );
  }

  /** Channels and DMs the user can read, with their unread counts. */
  channelInfos(user: ChatUser): ChannelInfo[] {
    const rows = this.sql(
      `SELECT c.key, c.kind, c.topic,
           COALESCE(r.last_read_id, 0) AS lastReadId,
           COALESCE((SELECT MAX(id) FROM chat_messages WHERE channel_id = c.id), 0) AS lastMessageId,
           (SELECT COUNT(*) FROM (SELECT 1 FROM chat_messages u WHERE u.channel_id = c.id
              AND u.id > COALESCE(r.last_read_id, 0) AND (u.user_id IS NULL OR u.user_id != @user)
              LIMIT ${UNREAD_CAP})) AS unread
         FROM chat_channels c
         LEFT JOIN chat_reads r ON r.channel_id = c.id AND r.user_id = @user
         WHERE ${VISIBLE} ORDER BY c.kind, c.key`,
    ).all({ user: user.id }) as (Omit<ChannelInfo, 'title'> & { kind: 'channel' | 'dm' })[];
    return rows.map((row) => ({ ...row, title: titleOf(row.key, user.username) }));
  }

  channelInfo(user: ChatUser, key: string): ChannelInfo | undefined {
    return this.channelInfos(user).find((c) => c.key === key);
  }

  /** Moves the user's read position forward (never back); returns the position now stored. */
  markRead(user: ChatUser, channel: ChannelRow, lastReadId: number): number {
    const capped = Math.min(lastReadId, this.lastId());
    this.sql(
      `INSERT INTO chat_reads (user_id, channel_id, last_read_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, channel_id) DO UPDATE SET
           last_read_id = MAX(last_read_id, excluded.last_read_id), updated_at = excluded.updated_at`,
    ).run(user.id, channel.id, capped, Date.now());
    return Number(
      this.sql('SELECT last_read_id FROM chat_reads WHERE user_id = ? AND channel_id = ?')
        .pluck()
        .get(user.id, channel.id),
    );
  }

  /** The newest alert in a channel that nobody has taken yet. */
  latestOpenAlert(channel: ChannelRow): number | undefined {
    return this.sql(
      `SELECT id FROM chat_messages WHERE channel_id = ? AND alert_level IS NOT NULL AND acked_by IS NULL
         ORDER BY id DESC LIMIT 1`,
    )
      .pluck()
      .get(channel.id) as number | undefined;
  }

  /** Records who took an alert; the first one wins. */
  ackAlert(
    id: number,
    by: string,
  ):
    | { ok: true; message: ChatMessage }
    | { ok: false; error: 'not-found' | 'conflict'; message?: ChatMessage } {
    const message = this.message(id);
    if (!message?.alert) return { ok: false, error: 'not-found' };
    const changed = this.sql(
      'UPDATE chat_messages SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_by IS NULL',
    ).run(by, Date.now(), id).changes;
    if (!changed) return { ok: false, error: 'conflict', message };
    return { ok: true, message: this.message(id)! };
  }
}

/** `ops` for a channel; the other user's name for a DM. */
export function titleOf(key: string, me: string): string {
  return dmPeer(key, me) ?? key;
}
