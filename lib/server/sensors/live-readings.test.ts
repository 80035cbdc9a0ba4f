import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBus } from '../bus';
import { LiveReadings } from './live-readings';

describe('LiveReadings', () => {
  const sent: { values: Record<string, number>; at: number }[] = [];
  const bus = {
    publish: (_type: string, data: { values: Record<string, number> }) =>
      sent.push({ values: { ...data.values }, at: Date.now() }),
  };
  beforeEach(() => {
    sent.length = 0;
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it('sends at once, merges faster readings of one topic, and sends the merge as soon as it is due', () => {
    const live = new LiveReadings(bus as unknown as EventBus, { minGapMs: 100 });
    const t0 = Date.now();
    live.push('d', 'sensors/a', { t: 1 }, t0);
    vi.advanceTimersByTime(40);
    live.push('d', 'sensors/a', { t: 2 }, Date.now());
    live.push('d', 'sensors/a', { h: 5 }, Date.now());
    live.push('e', 'sensors/b', { t: 9 }, Date.now()); // another device: not held
    expect(sent.map((s) => s.values)).toEqual([{ t: 1 }, { t: 9 }]);
    vi.advanceTimersByTime(70);
    expect(sent.map((s) => s.values)).toEqual([{ t: 1 }, { t: 9 }, { t: 2, h: 5 }]);
    expect(sent[2]!.at - t0).toBeLessThanOrEqual(110);
    expect(live.merged).toBe(1);
  });

  it('holds readings past the global rate and sends them on later ticks', () => {
    const live = new LiveReadings(bus as unknown as EventBus, { minGapMs: 0, maxPerSecond: 2 });
    for (let i = 0; i < 4; i++) live.push(`d${i}`, 'sensors/a', { t: i }, Date.now());
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1_100);
    expect(sent).toHaveLength(4);
  });
});
