'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { MonitorSummary } from '@/lib/server/monitors/types';
import type { HelloInfo } from '../control-events';
import { useLiveConnection, useLiveEvent, useLiveReset } from '../use-live-events';
import { fetchMonitors } from './monitor-api';
import { applyStatus, isUnknown, mergeSnapshot, type SnapshotEntry } from './monitor-list';

/** Figures that only change slowly (uptime %, sparklines) are refreshed this often while visible. */
const REFRESH_MS = 30_000;

/**
 * The live monitor list: what the server rendered, then `monitor-status` events, the hello snapshot
 * of every reconnect, a refetch when an unknown monitor shows up, and a light refresh of the figures
 * every 30 s while the tab is visible.
 */
export function useMonitorList(initial: { monitors: readonly MonitorSummary[]; loadedAt: number }) {
  const { store } = useLiveConnection();
  const router = useRouter();
  const [monitors, setMonitors] = useState<readonly MonitorSummary[]>(initial.monitors);
  const [refreshedAt, setRefreshedAt] = useState(initial.loadedAt);
  const initialLoadedAt = useRef(initial.loadedAt);

  const refresh = async () => {
    const result = await fetchMonitors();
    if (result.ok) {
      setMonitors(result.value.monitors);
      setRefreshedAt(Date.now());
    }
  };

  useLiveEvent('monitor-status', (event) => {
    setMonitors((list) => {
      if (isUnknown(list, event.data)) {
        void refresh();
        return list;
      }
      return applyStatus(list, event.data, event.ts);
    });
  });

  useEffect(() => {
    const apply = (hello: HelloInfo) => {
      const snapshot = (hello.snapshot.monitors as { monitors?: SnapshotEntry[] } | undefined)?.monitors;
      if (Array.isArray(snapshot)) setMonitors((list) => mergeSnapshot(list, snapshot));
    };
    // The stream may have said hello before this page subscribed (it opens with the layout): its
    // snapshot still counts when it is newer than the server render — a first check that ended in
    // between is published before the stream connects and would otherwise never reach the page.
    const current = store.getHello();
    if (current && current.serverTime > initialLoadedAt.current) apply(current);
    return store.onHello(apply);
  }, [store]);

  useLiveReset(() => router.refresh());

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return { monitors, refreshedAt, refresh, setMonitors };
}
