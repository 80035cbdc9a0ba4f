import 'server-only';
import type { Db } from '../../store';

export type ChannelFormat = 'json' | 'slack';

export interface NotificationChannel {
  id: number;
  name: string;
  url: string;
  format: ChannelFormat;
  /** When set, deliveries are signed like Signalboard's own webhooks (see format.ts). */
  secret: string | null;
  enabled: boolean;
  createdAt: number;
}

const COLUMNS = 'id, name, url, format, secret, enabled, created_at AS createdAt';
type Row = Omit<NotificationChannel, 'enabled'> & { enabled: number };
const fromRow = (r: Row): NotificationChannel => ({ ...r, enabled: r.enabled === 1 });

export function listChannels(db: Db): NotificationChannel[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM monitor_notification_channels ORDER BY id`).all() as Row[]).map(fromRow);
}

export function getChannel(db: Db, id: number): NotificationChannel | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM monitor_notification_channels WHERE id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

export function createChannel(
  db: Db,
  c: { name: string; url: string; format: ChannelFormat; secret?: string },
  now = Date.now(),
): NotificationChannel {
  const id = Number(
    db
      .prepare('INSERT INTO monitor_notification_channels (name, url, format, secret, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)')
      .run(c.name, c.url, c.format, c.secret ?? null, now).lastInsertRowid,
  );
  return getChannel(db, id)!;
}

export function deleteChannel(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM monitor_notification_channels WHERE id = ?').run(id).changes > 0;
}

/** What the API shows: the URL's origin and path start only (Slack URLs are secrets), never the secret. */
export function maskChannel(c: NotificationChannel) {
  let shown: string;
  try {
    const u = new URL(c.url);
    shown = `${u.origin}${u.pathname.slice(0, 12)}${u.pathname.length > 12 || u.search ? '…' : ''}`;
  } catch {
    shown = '(invalid URL)';
  }
  return { id: c.id, name: c.name, url: shown, format: c.format, signed: c.secret !== null, enabled: c.enabled, createdAt: c.createdAt };
}
