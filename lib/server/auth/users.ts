import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../store';
import { hashPassword } from './password';
import { ROLES, type Role } from './roles';

export interface User {
  id: number;
  username: string;
  role: Role;
}

interface UserRow extends User {
  password_hash: string;
  disabled: number;
}

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, dot, dash and underscore');
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(256);
export const newUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(ROLES),
});

export function findUserForLogin(db: Db, username: string): (User & { passwordHash: string }) | null {
  const row = db
    .prepare('SELECT id, username, role, password_hash, disabled FROM users WHERE username = ?')
    .get(username) as UserRow | undefined;
  if (!row || row.disabled) return null;
  return { id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash };
}

export function listUsers(db: Db): User[] {
  return db
    .prepare('SELECT id, username, role FROM users WHERE disabled = 0 ORDER BY username')
    .all() as User[];
}

export async function createUser(db: Db, input: z.infer<typeof newUserSchema>): Promise<User> {
  const hash = await hashPassword(input.password);
  const info = db
    .prepare('INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)')
    .run(input.username, hash, input.role, Date.now());
  return { id: Number(info.lastInsertRowid), username: input.username, role: input.role };
}

export const userChangeSchema = z
  .object({ role: z.enum(ROLES).optional(), password: passwordSchema.optional() })
  .refine((v) => v.role !== undefined || v.password !== undefined, 'give a role or a password');

export type UserChangeResult = { ok: true; user: User } | { ok: false; status: 404 | 409; error: string };

function activeAdmins(db: Db): number {
  return Number(db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get());
}

function findUser(db: Db, id: number): User | undefined {
  return db.prepare('SELECT id, username, role FROM users WHERE id = ? AND disabled = 0').get(id) as
    User | undefined;
}

/** Changes a user's role or password; the last admin cannot be demoted. A new password ends every session. */
export async function changeUser(
  db: Db,
  id: number,
  change: z.infer<typeof userChangeSchema>,
): Promise<UserChangeResult> {
  const user = findUser(db, id);
  if (!user) return { ok: false, status: 404, error: `No user with id ${id}.` };
  if (change.role && change.role !== 'admin' && user.role === 'admin' && activeAdmins(db) <= 1) {
    return { ok: false, status: 409, error: 'The last admin cannot be demoted.' };
  }
  const hash = change.password ? await hashPassword(change.password) : null;
  db.transaction(() => {
    if (change.role) db.prepare('UPDATE users SET role = ? WHERE id = ?').run(change.role, id);
    if (hash) {
      db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id);
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
    }
  })();
  return { ok: true, user: findUser(db, id)! };
}

/** Disables a user and ends their sessions; the last admin cannot be removed. */
export function disableUser(db: Db, id: number): UserChangeResult {
  const user = findUser(db, id);
  if (!user) return { ok: false, status: 404, error: `No user with id ${id}.` };
  if (user.role === 'admin' && activeAdmins(db) <= 1) {
    return { ok: false, status: 409, error: 'The last admin cannot be removed.' };
  }
  db.transaction(() => {
    db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(id);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  })();
  return { ok: true, user };
}

/**
 * Creates the first admin when there are no users: with SIGNALBOARD_ADMIN_PASSWORD when set, else a
 * generated password that is printed once, now, and never stored in clear.
 */
export async function ensureInitialAdmin(
  db: Db,
  configuredPassword: string | undefined,
  print: (message: string) => void = console.log,
): Promise<void> {
  const count = Number(db.prepare('SELECT COUNT(*) FROM users').pluck().get());
  if (count > 0) return;
  const password = configuredPassword ?? randomBytes(12).toString('base64url');
  const hash = await hashPassword(password);
  // Only when still no user exists: instances sharing a new store may start at the same moment.
  const created = db
    .prepare(
      `INSERT INTO users (username, password_hash, role, created_at)
       SELECT 'admin', ?, 'admin', ? WHERE NOT EXISTS (SELECT 1 FROM users)`,
    )
    .run(hash, Date.now()).changes;
  if (created === 0) return;
  if (!configuredPassword) {
    const lines = [
      'Signalboard created the first administrator.',
      '  username: admin',
      `  password: ${password}`,
      'It is shown this once. To choose it yourself, set',
      'SIGNALBOARD_ADMIN_PASSWORD before the first start.',
    ];
    const width = Math.max(...lines.map((l) => l.length)) + 2;
    const bar = '─'.repeat(width);
    print(['', `┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width - 1)}│`), `└${bar}┘`, ''].join('\n'));
  }
}
