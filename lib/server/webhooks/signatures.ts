import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison (lengths may differ; their difference is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
export function verifyGithubSignature(
  secrets: readonly string[],
  rawBody: string,
  header: string | null,
): boolean {
  if (!header?.startsWith('sha256=')) return false;
  return secrets.some((secret) => safeEqual(`sha256=${hmacHex(secret, rawBody)}`, header));
}

/** GitLab: `X-Gitlab-Token` carries the token itself. */
export function verifyGitlabToken(tokens: readonly string[], header: string | null): boolean {
  if (!header) return false;
  return tokens.some((token) => safeEqual(token, header));
}

export const GENERIC_MAX_SKEW_SECONDS = 300;

export type GenericVerdict = { ok: true } | { ok: false; error: string };

/**
 * Generic runner signature: `X-Signalboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`
 * with `X-Signalboard-Timestamp: <unix seconds>`. Timestamps more than 5 minutes away are refused,
 * so a captured request cannot be replayed later.
 */
export function verifyGenericSignature(
  secrets: readonly string[],
  rawBody: string,
  timestampHeader: string | null,
  signatureHeader: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): GenericVerdict {
  if (!timestampHeader || !signatureHeader) {
    return { ok: false, error: 'Missing X-Signalboard-Timestamp or X-Signalboard-Signature.' };
  }
  if (!/^\d{1,12}$/.test(timestampHeader))
    return { ok: false, error: 'X-Signalboard-Timestamp must be unix seconds.' };
  if (Math.abs(nowSeconds - Number(timestampHeader)) > GENERIC_MAX_SKEW_SECONDS) {
    return { ok: false, error: 'X-Signalboard-Timestamp is more than 5 minutes away from the server clock.' };
  }
  const signed = `${timestampHeader}.${rawBody}`;
  const ok = secrets.some((secret) => safeEqual(`sha256=${hmacHex(secret, signed)}`, signatureHeader));
  return ok ? { ok: true } : { ok: false, error: 'Signature does not match.' };
}
