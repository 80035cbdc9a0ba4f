import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, deleteSession } from '../auth/sessions';
import { tempDb } from '../test-support';
import { SessionTokens } from './session-tokens';

describe('WebTransport session tokens', () => {
  let t: ReturnType<typeof tempDb>;
  let userId: number;
  beforeEach(() => {
    t = tempDb();
    userId = Number(
      t.db
        .prepare(
          "INSERT INTO users (username, password_hash, role, created_at) VALUES ('ada', 'x', 'viewer', 0)",
        )
        .run().lastInsertRowid,
    );
  });
  afterEach(() => t.cleanup());

  it('is single use and bound to a session that is still valid', () => {
    const tokens = new SessionTokens();
    const session = createSession(t.db, userId);
    const { token } = tokens.issue({ id: userId, username: 'ada' }, session.token);
    expect(token).toMatch(/^sbwt_/);
    expect(tokens.consume(token, t.db)).toMatchObject({ userId, username: 'ada' });
    expect(tokens.consume(token, t.db)).toBeNull();

    const again = tokens.issue({ id: userId, username: 'ada' }, session.token);
    deleteSession(t.db, session.token); // signed out in the meantime
    expect(tokens.consume(again.token, t.db)).toBeNull();
  });

  it('expires, refuses forgeries, and stays bounded', () => {
    let now = 1_000_000;
    const tokens = new SessionTokens({ ttlMs: 30_000, maxTokens: 3, now: () => now });
    const session = createSession(t.db, userId, now);
    const { token } = tokens.issue({ id: userId, username: 'ada' }, session.token);
    now += 30_001;
    expect(tokens.consume(token, t.db)).toBeNull();
    expect(tokens.consume('sbwt_forged', t.db)).toBeNull();
    expect(tokens.consume('x'.repeat(200), t.db)).toBeNull();
    for (let i = 0; i < 10; i++) tokens.issue({ id: userId, username: 'ada' }, session.token);
    expect(tokens.size).toBeLessThanOrEqual(3);
  });
});
