import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat';

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('declares the socket dead when a ping gets no pong, and not while pongs come back', () => {
    const pings: number[] = [];
    const dead = vi.fn();
    const beat = new Heartbeat((t) => pings.push(t) > 0, dead, Date.now, 1_000, 500);
    beat.start();
    vi.advanceTimersByTime(1_000);
    expect(pings).toHaveLength(1);
    beat.pong();
    vi.advanceTimersByTime(1_000);
    expect(pings).toHaveLength(2);
    expect(dead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(dead).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(dead).toHaveBeenCalledTimes(1);
  });
});
