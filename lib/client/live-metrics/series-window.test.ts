import { describe, expect, it } from 'vitest';
import { METRIC_COUNT, METRIC_INDEX } from '../../events/metrics-frames';
import { SeriesWindow } from './series-window';

const values = (cpu: number) => {
  const v = new Float64Array(METRIC_COUNT).fill(NaN);
  v[METRIC_INDEX.cpu] = cpu;
  return v;
};

describe('SeriesWindow', () => {
  it('caps the points at window ÷ bucket whatever the rate', () => {
    const w = new SeriesWindow(30_000, 100);
    // Two minutes at 60 Hz.
    for (let i = 0; i < 60 * 120; i++) w.add(1_000_000 + (i * 1000) / 60, values(i % 100));
    expect(w.size).toBeLessThanOrEqual(300);
    expect(w.size).toBeGreaterThanOrEqual(299);
    const rows = w.rows();
    expect(rows.at(-1)!.t - rows[0]!.t).toBeLessThan(30_000);
  });

  it('averages the samples of a bucket and leaves metrics out of the set undefined', () => {
    const w = new SeriesWindow(10_000, 100);
    w.add(1_000, values(10));
    w.add(1_050, values(20));
    w.add(1_100, values(40));
    const rows = w.rows();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cpu).toBe(15);
    expect(rows[0]!.rss).toBeUndefined();
    expect(rows[1]!.cpu).toBe(40);
    expect(w.latest[METRIC_INDEX.cpu]).toBe(40);
  });

  it('returns the same array until something changes, and a new one after', () => {
    const w = new SeriesWindow();
    w.add(1_000, values(1));
    const a = w.rows();
    expect(w.rows()).toBe(a);
    w.add(1_010, values(2));
    expect(w.rows()).not.toBe(a);
  });

  it('merges a late sample into its bucket and drops one older than every bucket', () => {
    const w = new SeriesWindow(10_000, 100);
    w.add(1_000, values(10));
    w.add(1_200, values(30));
    w.add(1_010, values(20));
    expect(w.rows()[0]!.cpu).toBe(15);
    w.add(500, values(99));
    expect(w.rows()).toHaveLength(2);
    expect(w.latest[METRIC_INDEX.cpu]).toBe(30);
  });
});
