import 'server-only';
import { z } from 'zod';
import { processWide } from '../process-wide';
import type { Db } from '../store';
import { dummyPasswordHash, verifyPassword } from './password';
import { RateLimiter } from './rate-limit';
import { createSession } from './sessions';
import { findUserForLogin, type User } from './users';

export const loginSchema = z.object({
  username: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
});

export type LoginResult =
  | { ok: true; user: User; token: string; expiresAt: number }
  | { ok: false; status: 401 | 429; error: string; retryAfterMs?: number };

/** The same words for an unknown user and a wrong password: a login never reveals who exists. */
export const LOGIN_FAILED = 'Invalid username or password.';

const limiters = () =>
  processWide('login-limiters', () => ({
    /** Attempts per client address. */
    byAddress: new RateLimiter(20, 60_000),
    /** Failures per username, whether or not it exists, against password guessing from many addresses. */
    byUsername: new RateLimiter(10, 15 * 60_000),
  }));

export async function login(
  db: Db,
  input: z.infer<typeof loginSchema>,
  address: string,
): Promise<LoginResult> {
  const { byAddress, byUsername } = limiters();
  const userKey = input.username.toLowerCase();
  const wait = Math.max(byAddress.hit(address), byUsername.retryAfter(userKey));
  if (wait > 0) {
    return { ok: false, status: 429, error: 'Too many login attempts. Try again later.', retryAfterMs: wait };
  }
  const user = findUserForLogin(db, input.username);
  // Verify against a dummy hash when the user is unknown, so both paths cost one scrypt.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    byUsername.hit(userKey);
    return { ok: false, status: 401, error: LOGIN_FAILED };
  }
  byUsername.reset(userKey);
  const session = createSession(db, user.id);
  return { ok: true, user: { id: user.id, username: user.username, role: user.role }, ...session };
}
