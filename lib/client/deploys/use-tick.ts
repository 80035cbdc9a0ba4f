'use client';

import { useSyncExternalStore } from 'react';

/**
 * The current time, refreshed every `intervalMs`; every component asking for the same interval
 * shares one timer. Unlike lib/client/use-now.ts, the `subscribe` and `getSnapshot` functions are
 * the same on every render (one pair per interval), so React never re-subscribes on a re-render:
 * with use-now's fresh functions, a tick that re-renders every subscriber of an interval at once
 * restarts its timer, resets `now`, and renders again — in a loop ("Maximum update depth exceeded")
 * on a page with many live times. Swap back to useNow once it caches its functions the same way.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => number;
}

const clocks = new Map<number, Clock>();

function clock(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const entry: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: null,
    subscribe: (listener) => {
      entry.listeners.add(listener);
      if (entry.timer === null) {
        entry.now = Date.now();
        entry.timer = setInterval(() => {
          entry.now = Date.now();
          entry.listeners.forEach((l) => l());
        }, intervalMs);
      }
      return () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0 && entry.timer !== null) {
          clearInterval(entry.timer);
          entry.timer = null;
        }
      };
    },
    getSnapshot: () => entry.now,
  };
  clocks.set(intervalMs, entry);
  return entry;
}

const serverSnapshot = () => 0;

/** Milliseconds since the epoch, ticking every `intervalMs`; 0 on the server and while hydrating. */
export function useTick(intervalMs = 1_000): number {
  const c = clock(intervalMs);
  return useSyncExternalStore(c.subscribe, c.getSnapshot, serverSnapshot);
}
