import 'server-only';
import { z } from 'zod';
import type { Db } from '../store';
import { ROLES, type Role } from './roles';
import { hashToken, newToken } from './tokens';
import type { User } from './users';

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  role: z.enum(ROLES).default('viewer'),
});

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  createdAt: number;
  lastUsedAt: number | null;
}

/** Creates a key and returns it in clear this once; only its hash is stored. */
export function createApiKey(
  db: Db,
  input: z.infer<typeof newApiKeySchema>,
  createdBy: number | null,
): { key: string; info: ApiKeyInfo } {
  const key = newToken('sbk_');
  const prefix = key.slice(0, 10);
  const now = Date.now();
  const result = db
    .prepare(
      'INSERT INTO api_keys (name, prefix, key_hash, role, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(input.name, prefix, hashToken(key), input.role, createdBy, now);
  return {
    key,
    info: {
      id: Number(result.lastInsertRowid),
      name: input.name,
      prefix,
      role: input.role,
      createdAt: now,
      lastUsedAt: null,
    },
  };
}

export function listApiKeys(db: Db): ApiKeyInfo[] {
  return db
    .prepare(
      `SELECT id, name, prefix, role, created_at AS createdAt, last_used_at AS lastUsedAt
       FROM api_keys WHERE revoked_at IS NULL ORDER BY id`,
    )
    .all() as ApiKeyInfo[];
}

export function revokeApiKey(db: Db, id: number): boolean {
  return (
    db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(Date.now(), id)
      .changes > 0
  );
}

/** The principal behind an API key: a pseudo-user named after the key, with the key's role. */
export function userForApiKey(db: Db, key: string): User | null {
  if (!key.startsWith('sbk_') || key.length > 100) return null;
  const row = db
    .prepare('SELECT id, name, role, last_used_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL')
    .get(hashToken(key)) as { id: number; name: string; role: Role; last_used_at: number | null } | undefined;
  if (!row) return null;
  const now = Date.now();
  if (!row.last_used_at || now - row.last_used_at > 60_000) {
    db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
  }
  return { id: -row.id, username: `key:${row.name}`, role: row.role };
}
