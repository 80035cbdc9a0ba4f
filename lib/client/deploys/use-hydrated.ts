'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/** False during the server render and hydration, true after: for what only the browser knows. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
