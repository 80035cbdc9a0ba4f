import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('returns items newest first', () => {
    const buffer = new RingBuffer<number>(5);
    [1, 2, 3].forEach((n) => buffer.push(n));
    expect(buffer.newestFirst()).toEqual([3, 2, 1]);
    expect(buffer.size).toBe(3);
  });

  it('drops the oldest past its capacity', () => {
    const buffer = new RingBuffer<number>(3);
    for (let n = 1; n <= 10; n++) buffer.push(n);
    expect(buffer.newestFirst()).toEqual([10, 9, 8]);
    expect(buffer.size).toBe(3);
  });

  it('returns the same array until something changes', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.push(1);
    const first = buffer.newestFirst();
    expect(buffer.newestFirst()).toBe(first);
    buffer.push(2);
    expect(buffer.newestFirst()).not.toBe(first);
  });

  it('clears', () => {
    const buffer = new RingBuffer<string>(2);
    buffer.push('a');
    buffer.clear();
    expect(buffer.newestFirst()).toEqual([]);
    expect(buffer.size).toBe(0);
  });

  it('refuses a nonsense capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
