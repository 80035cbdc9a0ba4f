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

/**
 * One subscribe function per interval, so React keeps its subscription across renders (a new function
 * on each render would unsubscribe and resubscribe every time, restart the timer and move `now`,
 * which renders again: a loop).
 */
const subscribers = new Map<number, (listener: () => void) => () => void>();

function subscriberFor(intervalMs: number) {
  let subscribe = subscribers.get(intervalMs);
  if (subscribe) return subscribe;
  subscribe = (listener) => {
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
  };
  subscribers.set(intervalMs, subscribe);
  return subscribe;
}

export function useNow(intervalMs = 1_000): number {
  return useSyncExternalStore(
    subscriberFor(intervalMs),
    () => clock(intervalMs).now,
    // The server renders no live times; 0 marks "not known yet" for callers that care.
    () => 0,
  );
}
