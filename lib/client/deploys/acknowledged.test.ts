import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED, addAcknowledged, parseAcknowledged } from './acknowledged';

describe('acknowledged failures', () => {
  it('reads only a list of strings', () => {
    expect(parseAcknowledged(null)).toEqual([]);
    expect(parseAcknowledged('{nope')).toEqual([]);
    expect(parseAcknowledged('{"a":1}')).toEqual([]);
    expect(parseAcknowledged('["a", 3, "b"]')).toEqual(['a', 'b']);
  });

  it('adds each id once and keeps the newest', () => {
    expect(addAcknowledged(['a'], ['a', 'b'])).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_REMEMBERED }, (_, i) => `d${i}`);
    const next = addAcknowledged(many, ['new']);
    expect(next).toHaveLength(MAX_REMEMBERED);
    expect(next.at(-1)).toBe('new');
    expect(next[0]).toBe('d1');
  });
});
