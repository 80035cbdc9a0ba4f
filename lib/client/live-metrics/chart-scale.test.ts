import { describe, expect, it } from 'vitest';
import { niceMax, scrollFraction, yMaxOf } from './chart-scale';

describe('chart scale', () => {
  it('rounds the y bound up to 1, 2 or 5 × 10^k', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(0.3, 0.1)).toBe(0.5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(180)).toBe(200);
    expect(niceMax(201)).toBe(500);
    expect(niceMax(1000)).toBe(1000);
  });

  it('takes the largest value of the given lines only', () => {
    const rows = [
      { t: 0, cpu: 12, rss: 900 },
      { t: 1, cpu: 37 },
    ];
    expect(yMaxOf(rows, ['cpu'])).toBe(50);
    expect(yMaxOf(rows, ['rss'])).toBe(1000);
    expect(yMaxOf([], ['cpu'])).toBe(1);
  });

  it('slides by one step of the drawn width', () => {
    expect(scrollFraction(30_000, 250)).toBeCloseTo(250 / 30_250);
  });
});
