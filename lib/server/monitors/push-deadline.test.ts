import { describe, expect, it } from 'vitest';
import { missingBeat } from './push-deadline';

describe('missing push beats', () => {
  const m = { intervalSeconds: 60, timeoutSeconds: 30, lastBeatAt: 1_000_000, createdAt: 0 };

  it('allows the interval plus the timeout before calling a beat missing', () => {
    expect(missingBeat(m, 1_000_000 + 89_000, 0)).toBeNull();
    expect(missingBeat(m, 1_000_000 + 90_000, 0)).toEqual({ ok: false, latencyMs: null, message: 'No beat for 90 s (expected every 60 s)' });
  });

  it('gives a monitor with no beat yet a fair chance after a restart', () => {
    const fresh = { ...m, lastBeatAt: null };
    expect(missingBeat(fresh, 5_000_000, 4_950_000)).toBeNull();
    expect(missingBeat(fresh, 5_050_000, 4_950_000)?.message).toBe('No beat received yet (expected every 60 s)');
  });
});
