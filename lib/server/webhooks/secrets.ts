import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { env } from '../../env';
import type { Db } from '../store';
import { cachedPluck } from '../store/statements';

export const SECRET_SOURCES = ['github', 'gitlab', 'deploy', 'loki'] as const;
export type SecretSource = (typeof SECRET_SOURCES)[number];

export const newSecretSchema = z.object({
  source: z.enum(SECRET_SOURCES),
  name: z.string().trim().min(1, 'is required').max(100),
  /** Optional: an existing secret to register (e.g. the one already set in GitHub); else one is generated. */
  secret: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
});

export interface SecretInfo {
  id: number;
  source: SecretSource;
  name: string;
  /** The last four characters, enough to tell secrets apart, never enough to use one. */
  hint: string;
  createdAt: number;
}

/** Secrets given at start by the environment, per source. */
function fromEnvironment(source: SecretSource): string[] {
  const config = env();
  const value = {
    github: config.GITHUB_WEBHOOK_SECRET,
    gitlab: config.GITLAB_WEBHOOK_TOKEN,
    deploy: config.DEPLOY_WEBHOOK_SECRET,
    loki: config.LOKI_PUSH_TOKEN,
  }[source];
  return value ? [value] : [];
}

/** Every active secret of a source: the environment's and those an admin created (rotation overlaps). */
export function activeSecrets(db: Db, source: SecretSource): string[] {
  const stored = cachedPluck(
    db,
    'SELECT secret FROM webhook_secrets WHERE source = ? AND revoked_at IS NULL',
  ).all(source) as string[];
  return [...fromEnvironment(source), ...stored];
}

export function createSecret(
  db: Db,
  input: z.infer<typeof newSecretSchema>,
): { secret: string; info: SecretInfo } {
  const secret = input.secret ?? randomBytes(24).toString('base64url');
  const now = Date.now();
  const hint = secret.slice(-4);
  const id = Number(
    db
      .prepare('INSERT INTO webhook_secrets (source, name, secret, hint, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.source, input.name, secret, hint, now).lastInsertRowid,
  );
  return { secret, info: { id, source: input.source, name: input.name, hint, createdAt: now } };
}

export function listSecrets(db: Db): (SecretInfo & { fromEnvironment?: boolean })[] {
  const stored = db
    .prepare(
      `SELECT id, source, name, hint, created_at AS createdAt FROM webhook_secrets
       WHERE revoked_at IS NULL ORDER BY source, id`,
    )
    .all() as SecretInfo[];
  const configured = SECRET_SOURCES.filter((s) => fromEnvironment(s).length > 0).map((source) => ({
    id: 0,
    source,
    name: 'from environment',
    hint: fromEnvironment(source)[0]!.slice(-4),
    createdAt: 0,
    fromEnvironment: true,
  }));
  return [...configured, ...stored];
}

export function revokeSecret(db: Db, id: number): boolean {
  return (
    db
      .prepare('UPDATE webhook_secrets SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(Date.now(), id).changes > 0
  );
}
