import { describe, expect, it } from 'vitest';
import { FollowCursor } from './cursor';

describe('FollowCursor', () => {
  it('takes newer lines, skips older ones and repeats at the same instant', () => {
    const cursor = new FollowCursor(null);
    expect(cursor.admit(10n, 'a')).toBe(true);
    expect(cursor.admit(10n, 'b')).toBe(true);
    expect(cursor.admit(20n, 'c')).toBe(true);
    // Following again with since=20 returns the line at 20 again, and maybe older ones.
    expect(cursor.admit(10n, 'a')).toBe(false);
    expect(cursor.admit(20n, 'c')).toBe(false);
    expect(cursor.admit(20n, 'd')).toBe(true);
    expect(cursor.admit(21n, 'c')).toBe(true);
    expect(cursor.ns).toBe(21n);
  });

  it('resumes from a stored cursor, skipping its own instant', () => {
    const cursor = new FollowCursor(100n);
    expect(cursor.admit(99n, 'old')).toBe(false);
    expect(cursor.admit(100n, 'stored before the restart')).toBe(false);
    expect(cursor.admit(101n, 'new')).toBe(true);
  });
});
