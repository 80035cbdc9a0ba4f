'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PublicSummary } from '@/lib/server/monitors/status-page';
import { LiveConnection } from '../live-connection';
import type { LiveStatus } from '../live-machine';
import { applyPublicSnapshot, applyPublicStatus } from './public-status';

const SERVER_STATUS: LiveStatus = { kind: 'connecting', attempt: 0 };
const HIDDEN_GRACE_MS = 5_000;

/** Revalidates the cached summary (ETag: a 304 costs a few bytes). */
async function fetchSummary(): Promise<PublicSummary | null> {
  try {
    const res = await fetch('/api/status/summary', { cache: 'no-cache' });
    return res.ok ? ((await res.json()) as PublicSummary) : null;
  } catch {
    return null;
  }
}

/**
 * The public page's live state: its own connection to /api/status/events (no login; the same
 * backoff with jitter, pause in hidden tabs and resume by id as the dashboard), status changes
 * applied at once, and the summary refetched after an incident or a reconnect.
 */
export function usePublicStatus(initial: PublicSummary) {
  const [connection] = useState(() => new LiveConnection({ streams: ['monitors'], path: '/api/status/events', probeAuth: async () => 'ok' }));
  const [summary, setSummary] = useState(initial);
  const [updatedAt, setUpdatedAt] = useState(initial.generatedAt);
  const status = useSyncExternalStore(connection.subscribeStatus, connection.getStatus, () => SERVER_STATUS);

  useEffect(() => {
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      clearTimeout(refetchTimer);
      refetchTimer = setTimeout(() => {
        void fetchSummary().then((next) => {
          if (next) {
            setSummary(next);
            setUpdatedAt(Date.now());
          }
        });
      }, 500);
    };
    const offStatus = connection.store.subscribe('monitor-status', (event) => {
      setUpdatedAt(Date.now());
      setSummary((s) => applyPublicStatus(s, event.data, event.ts));
    });
    const offIncidents = connection.store.subscribe('incident', () => {
      setUpdatedAt(Date.now());
      refetch();
    });
    let first = true;
    const offHello = connection.store.onHello((hello) => {
      const entries = (hello.snapshot.monitors as { monitors?: { id: number; status: PublicSummary['monitors'][number]['status']; since: number; paused: boolean }[] } | undefined)?.monitors;
      if (Array.isArray(entries)) setSummary((s) => applyPublicSnapshot(s, entries));
      setUpdatedAt(Date.now());
      if (!first) refetch();
      first = false;
    });
    const visible = () => document.visibilityState !== 'hidden';
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const onVisibility = () => {
      clearTimeout(hideTimer);
      if (visible()) connection.setVisible(true);
      else hideTimer = setTimeout(() => connection.setVisible(false), HIDDEN_GRACE_MS);
    };
    const onOnline = () => connection.setOnline(true, visible());
    const onOffline = () => connection.setOnline(false);
    connection.start({ online: navigator.onLine, visible: visible() });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      clearTimeout(refetchTimer);
      clearTimeout(hideTimer);
      offStatus();
      offIncidents();
      offHello();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      connection.dispose();
    };
  }, [connection]);

  return { summary, status, updatedAt, retry: () => connection.retryNow() };
}
