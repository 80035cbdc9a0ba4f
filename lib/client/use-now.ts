'use client';

import { useSyncExternalStore } from 'react';

/**
 * The current time, refreshed every `intervalMs`. All components asking for the same interval share
 * one timer, so a list of 200 relative times costs one interval, not 200.
 */
const clocks = new Map<
  number,
  { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> | null }
>();

function clock(intervalMs: number) {
  let entry = clocks.get(intervalMs);
  if (!entry) {
    entry = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(intervalMs, entry);
  }
  return entry;
}

export function useNow(intervalMs = 1_000): number {
  return useSyncExternalStore(
    (listener) => {
      const entry = clock(intervalMs);
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
    () => clock(intervalMs).now,
    // The server renders no live times; 0 marks "not known yet" for callers that care.
    () => 0,
  );
}
