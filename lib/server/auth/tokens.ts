import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token (256 bits) with a readable prefix. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as SHA-256: they carry full entropy, so a slow hash adds nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
