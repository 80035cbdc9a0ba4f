import { describe, expect, it } from 'vitest';
import { LossMeter, RttMeter } from './loss-meter';

describe('LossMeter', () => {
  it('counts gaps as lost', () => {
    const m = new LossMeter();
    for (const seq of [10, 11, 12, 15, 16]) m.record(seq);
    expect(m.received).toBe(5);
    expect(m.lost).toBe(2);
    expect(m.ratio).toBeCloseTo(2 / 7);
  });

  it('takes a late sample back out of the lost count', () => {
    const m = new LossMeter();
    for (const seq of [1, 2, 4, 3, 5]) m.record(seq);
    expect(m.lost).toBe(0);
    expect(m.reordered).toBe(1);
    expect(m.received).toBe(5);
  });

  it('ignores duplicates and survives the u32 wrap', () => {
    const m = new LossMeter();
    for (const seq of [0xffff_fffe, 0xffff_ffff, 0xffff_ffff, 0, 1, 3]) m.record(seq);
    expect(m.received).toBe(5);
    expect(m.lost).toBe(1);
  });

  it('starts again on reset', () => {
    const m = new LossMeter();
    m.record(5);
    m.record(9);
    m.reset();
    m.record(100);
    expect(m.lost).toBe(0);
    expect(m.ratio).toBe(0);
  });
});

describe('RttMeter', () => {
  it('keeps the last pings and reports their median', () => {
    const r = new RttMeter(3);
    expect(r.median).toBeNull();
    for (const ms of [5, 1, 3, 100]) r.record(ms);
    expect(r.last).toBe(100);
    expect(r.median).toBe(3);
  });
});
