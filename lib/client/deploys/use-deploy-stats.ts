'use client';

import { useEffect, useRef, useState } from 'react';
import type { ServiceStats } from '@/lib/server/deploys/store';
import { useLiveConnection, useLiveEvent, useLiveReset } from '../use-live-events';
import { fetchDeployStats } from './deploy-api';

/** Completions come in bursts under a busy CI; the charts redraw at most this often. */
const REFRESH_DELAY_MS = 3_000;

/**
 * Per-service duration and failure-rate figures over `days`, refreshed from `GET /api/deploys/stats`
 * a moment after deploys complete, after a reconnect and on `reset`. Keeps the last good figures
 * when a refresh fails, and says so.
 */
export function useDeployStats(
  initial: readonly ServiceStats[],
  days: number,
): { services: readonly ServiceStats[]; error: string | null } {
  const { store } = useLiveConnection();
  const [services, setServices] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const schedule = useRef((delay: number) => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void fetchDeployStats(days).then((result) => {
        if (result.ok) {
          setServices(result.value);
          setError(null);
        } else {
          setError(`Charts could not refresh: ${result.error}`);
        }
      });
    }, delay);
  }).current;

  useEffect(() => {
    // The first hello is the page's own connect, already reflected in the server render.
    let first = store.getHello() === null;
    const off = store.onHello(() => {
      if (first) first = false;
      else schedule(0);
    });
    return () => {
      off();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [store, schedule]);

  useLiveEvent('deploy-complete', () => schedule(REFRESH_DELAY_MS));
  useLiveReset(() => schedule(0));

  return { services, error };
}
