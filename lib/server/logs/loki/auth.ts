import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The token of a push: `Authorization: Bearer <token>`, or HTTP Basic with the token as the
 * password (what Promtail's, Alloy's and Vector's `basic_auth` send; the user name is ignored, or
 * used when the password is empty).
 */
export function pushToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const value = authorization.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return decoded || null;
  const password = decoded.slice(colon + 1);
  return password || decoded.slice(0, colon) || null;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares in constant time (on digests, so lengths leak nothing either). */
export function tokenMatches(token: string, secrets: readonly string[]): boolean {
  const given = digest(token);
  let match = false;
  for (const secret of secrets) {
    if (timingSafeEqual(given, digest(secret))) match = true;
  }
  return match;
}
