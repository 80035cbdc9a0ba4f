import { describe, expect, it } from 'vitest';
import { ChordReader } from './key-chords';

describe('ChordReader', () => {
  it('reads g then a letter', () => {
    const reader = new ChordReader();
    expect(reader.feed('g', 0)).toEqual({ type: 'pending' });
    expect(reader.feed('d', 500)).toEqual({ type: 'go', key: 'd' });
  });

  it('forgets a g after the timeout', () => {
    const reader = new ChordReader(1_000);
    reader.feed('g', 0);
    expect(reader.feed('d', 2_000)).toBeNull();
  });

  it('reads / as search, but not as the second key of a chord', () => {
    const reader = new ChordReader();
    expect(reader.feed('/', 0)).toEqual({ type: 'search' });
    reader.feed('g', 10);
    expect(reader.feed('/', 20)).toEqual({ type: 'go', key: '/' });
  });

  it('ignores other keys and named keys after g', () => {
    const reader = new ChordReader();
    expect(reader.feed('x', 0)).toBeNull();
    reader.feed('g', 0);
    expect(reader.feed('Escape', 10)).toBeNull();
  });
});
