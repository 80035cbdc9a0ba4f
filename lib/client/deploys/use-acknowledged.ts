'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { STORAGE_KEY, addAcknowledged, parseAcknowledged } from './acknowledged';

/**
 * The failures marked as seen in this browser, shared by every view on the page and by other tabs
 * (the `storage` event), with a function to mark more.
 */
const listeners = new Set<() => void>();
let cached: { raw: string | null; set: ReadonlySet<string> } = { raw: null, set: new Set() };
const EMPTY: ReadonlySet<string> = new Set();
/** Used instead of localStorage once it refuses a write (private mode, quota). */
let memory: string | null = null;

function read(): string | null {
  if (memory !== null) return memory;
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function snapshot(): ReadonlySet<string> {
  const raw = read();
  if (raw !== cached.raw) cached = { raw, set: new Set(parseAcknowledged(raw)) };
  return cached.set;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function markSeen(ids: readonly string[]): void {
  const next = addAcknowledged(parseAcknowledged(read()), ids);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage off (private mode): remember for this page only.
    memory = JSON.stringify(next);
  }
  listeners.forEach((l) => l());
}

export function useAcknowledged(): { seen: ReadonlySet<string>; markSeen: (ids: readonly string[]) => void } {
  const seen = useSyncExternalStore(subscribe, snapshot, () => EMPTY);
  return { seen, markSeen: useCallback((ids: readonly string[]) => markSeen(ids), []) };
}
