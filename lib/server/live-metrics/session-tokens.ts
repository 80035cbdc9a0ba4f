import 'server-only';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../store';

/** What a WebTransport session token stands for. */
export interface TokenGrant {
  userId: number;
  username: string;
  /** Hash of the browser session the token was issued to: the session must still be valid at use. */
  sessionHash: string;
  expiresAt: number;
}

export interface SessionTokenOptions {
  /** A token must be used within this long: the page asks for one right before it connects. */
  ttlMs: number;
  /** Most tokens outstanding; past it the oldest are forgotten. */
  maxTokens: number;
  now: () => number;
}

export const DEFAULT_TOKEN_OPTIONS: SessionTokenOptions = {
  ttlMs: 30_000,
  maxTokens: 10_000,
  now: () => Date.now(),
};

/**
 * Short-lived, single-use tokens that carry a signed-in user to the WebTransport listener, where the
 * browser sends no cookie. Issued by a route handler to a page with a session (POST
 * /api/live-metrics/token), put in the session URL's query by the page, and consumed once by the
 * listener, which also checks that the session behind it is still valid. Only hashes are kept.
 */
export class SessionTokens {
  private readonly options: SessionTokenOptions;
  private readonly grants = new Map<string, TokenGrant>();

  constructor(options: Partial<SessionTokenOptions> = {}) {
    this.options = { ...DEFAULT_TOKEN_OPTIONS, ...options };
  }

  issue(user: { id: number; username: string }, sessionToken: string): { token: string; expiresAt: number } {
    const now = this.options.now();
    this.prune(now);
    const token = newToken('sbwt_');
    const expiresAt = now + this.options.ttlMs;
    this.grants.set(hashToken(token), {
      userId: user.id,
      username: user.username,
      sessionHash: hashToken(sessionToken),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /**
   * The grant behind `token` if it is known, unexpired and its browser session still valid (not
   * signed out, not expired, user not disabled); the token is spent either way.
   */
  consume(token: string, db: Db): TokenGrant | null {
    if (!token.startsWith('sbwt_') || token.length > 100) return null;
    const key = hashToken(token);
    const grant = this.grants.get(key);
    this.grants.delete(key);
    const now = this.options.now();
    if (!grant || grant.expiresAt <= now) return null;
    const live = db
      .prepare(
        `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.user_id = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(grant.sessionHash, grant.userId, now);
    return live ? grant : null;
  }

  get size(): number {
    return this.grants.size;
  }

  private prune(now: number): void {
    for (const [key, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(key);
    for (const key of this.grants.keys()) {
      if (this.grants.size < this.options.maxTokens) break;
      this.grants.delete(key);
    }
  }
}
