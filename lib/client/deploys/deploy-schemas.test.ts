import { describe, expect, it } from 'vitest';
import { deployDetailSchema, parseDeploysSnapshot } from './deploy-schemas';
import { row } from './test-helpers';

describe('deploy data from the server', () => {
  it('accepts the hello snapshot the server sends', () => {
    const snapshot = {
      running: [row({ id: 'a' })],
      recent: [row({ id: 'b', status: 'success', finishedAt: 9 })],
    };
    expect(parseDeploysSnapshot(snapshot)).toEqual(snapshot);
  });

  it('refuses a snapshot that is missing or malformed', () => {
    expect(parseDeploysSnapshot(undefined)).toBeNull();
    expect(parseDeploysSnapshot({ running: [{ id: 'a' }], recent: [] })).toBeNull();
    expect(
      parseDeploysSnapshot({ running: [row({ id: 'a', status: 'exploded' as never })], recent: [] }),
    ).toBeNull();
  });

  it('reads a deploy detail answer', () => {
    const answer = {
      ok: true,
      deploy: row({ id: 'a' }),
      steps: [{ name: 'build', position: 0, status: 'running', startedAt: 1, finishedAt: null }],
      changes: [{ at: 1, status: 'started', step: null, percent: 0, message: null }],
    };
    expect(deployDetailSchema.safeParse(answer).success).toBe(true);
  });
});
