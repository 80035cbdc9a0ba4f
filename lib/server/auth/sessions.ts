import 'server-only';
import type { Db } from '../store';
import type { Role } from './roles';
import { hashToken, newToken } from './tokens';
import type { User } from './users';

export const SESSION_COOKIE = 'sb_session';
/** Sessions slide: each use within the window extends them, idle ones expire. */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 10 * 60 * 1000;

export function createSession(
  db: Db,
  userId: number,
  now = Date.now(),
): { token: string; expiresAt: number } {
  const token = newToken('sbs_');
  const expiresAt = now + SESSION_TTL_MS;
  db.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  ).run(hashToken(token), userId, now, expiresAt, now);
  return { token, expiresAt };
}

interface SessionRow {
  id: number;
  username: string;
  role: Role;
  expires_at: number;
  last_seen_at: number;
  token_hash: string;
}

/** The user behind a session token, or null when it is unknown, expired or the user is disabled. */
export function userForSession(db: Db, token: string, now = Date.now()): User | null {
  if (!token.startsWith('sbs_') || token.length > 100) return null;
  const row = db
    .prepare(
      `SELECT u.id, u.username, u.role, s.expires_at, s.last_seen_at, s.token_hash
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND u.disabled = 0`,
    )
    .get(hashToken(token)) as SessionRow | undefined;
  if (!row || row.expires_at <= now) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) {
    db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(
      now,
      now + SESSION_TTL_MS,
      row.token_hash,
    );
  }
  return { id: row.id, username: row.username, role: row.role };
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}

export function pruneSessions(db: Db, now = Date.now()): number {
  return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
}

/** The Set-Cookie value for a session: HTTP-only, SameSite=Lax, Secure behind HTTPS. */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** Reads one cookie from a Cookie header without a dependency. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
