import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support';
import { createApiKey, revokeApiKey, userForApiKey } from './api-keys';
import { LOGIN_FAILED, login } from './login';
import { RateLimiter } from './rate-limit';
import {
  SESSION_TTL_MS,
  createSession,
  deleteSession,
  readCookie,
  sessionCookie,
  userForSession,
} from './sessions';
import { createUser, ensureInitialAdmin } from './users';

describe('sessions and API keys', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('finds the user behind a session until it expires or is deleted', async () => {
    const user = await createUser(t.db, { username: 'ana', password: 'password-1', role: 'operator' });
    const now = Date.now();
    const { token } = createSession(t.db, user.id, now);
    expect(userForSession(t.db, token, now)).toEqual(user);
    expect(userForSession(t.db, `${token}x`, now)).toBeNull();
    expect(userForSession(t.db, token, now + SESSION_TTL_MS + 1)).toBeNull();
    deleteSession(t.db, token);
    expect(userForSession(t.db, token, now)).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const user = await createUser(t.db, { username: 'bo', password: 'password-1', role: 'viewer' });
    const { token } = createSession(t.db, user.id);
    const stored = t.db.prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(token.slice(4));
  });

  it('builds an HTTP-only SameSite cookie and reads it back', () => {
    const cookie = sessionCookie('sbs_abc', 60_000, true);
    expect(cookie).toBe('sb_session=sbs_abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(readCookie('a=1; sb_session=sbs_abc; b=2', 'sb_session')).toBe('sbs_abc');
    expect(readCookie('xsb_session=1', 'sb_session')).toBeUndefined();
  });

  it('authenticates API keys until they are revoked', () => {
    const { key, info } = createApiKey(t.db, { name: 'ci', role: 'operator' }, null);
    expect(userForApiKey(t.db, key)).toMatchObject({ username: 'key:ci', role: 'operator' });
    expect(revokeApiKey(t.db, info.id)).toBe(true);
    expect(userForApiKey(t.db, key)).toBeNull();
  });

  it('creates the first admin once, printing a generated password only when none is configured', async () => {
    const printed: string[] = [];
    await ensureInitialAdmin(t.db, undefined, (m) => printed.push(m));
    expect(printed.join('')).toMatch(/username: admin/);
    const password = /password: (\S+)/.exec(printed.join(''))![1]!;
    const result = await login(t.db, { username: 'admin', password }, 'test-a');
    expect(result.ok).toBe(true);
    await ensureInitialAdmin(t.db, 'another-password', (m) => printed.push(m));
    expect(printed).toHaveLength(1);
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    await createUser(t.db, { username: 'cy', password: 'password-1', role: 'viewer' });
    const wrong = await login(t.db, { username: 'cy', password: 'nope-nope' }, 'test-b');
    const unknown = await login(t.db, { username: 'nobody', password: 'nope-nope' }, 'test-b');
    expect(wrong).toEqual({ ok: false, status: 401, error: LOGIN_FAILED });
    expect(unknown).toEqual(wrong);
  });

  it('locks a username after repeated failures, whoever tries', async () => {
    await createUser(t.db, { username: 'dee', password: 'password-1', role: 'viewer' });
    for (let i = 0; i < 10; i++) await login(t.db, { username: 'dee', password: 'bad' }, `addr-${i}`);
    const locked = await login(t.db, { username: 'dee', password: 'password-1' }, 'addr-x');
    expect(locked).toMatchObject({ ok: false, status: 429 });
  });
});

describe('RateLimiter', () => {
  it('allows the limit, refuses past it and frees the key after the window', () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('a', 10)).toBe(0);
    expect(limiter.hit('a', 20)).toBe(980);
    expect(limiter.hit('b', 20)).toBe(0);
    expect(limiter.hit('a', 1000)).toBe(0);
  });

  it('stays bounded when flooded with keys', () => {
    const limiter = new RateLimiter(1, 60_000, 100);
    for (let i = 0; i < 1000; i++) limiter.hit(`k${i}`, 0);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});
