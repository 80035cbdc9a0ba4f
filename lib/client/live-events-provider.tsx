'use client';

import { createContext, useEffect, useState } from 'react';
import type { StreamName } from '../events';
import { LiveConnection } from './live-connection';

export const LiveConnectionContext = createContext<LiveConnection | null>(null);

/**
 * A hidden tab keeps its stream this long before pausing, so a quick glance at another tab does not
 * cost a reconnect and replay.
 */
const HIDDEN_GRACE_MS = 5_000;

/**
 * Opens one SSE connection for everything below it: every card and list on the page shares it. Put it
 * in a layout so it survives client-side navigation between pages.
 */
export function LiveEventsProvider({
  streams,
  children,
}: {
  streams: readonly StreamName[];
  children: React.ReactNode;
}) {
  // Created once per mount; the constructor touches no browser API, so it is safe during SSR.
  const [connection] = useState(() => new LiveConnection({ streams }));

  useEffect(() => {
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
      clearTimeout(hideTimer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      connection.dispose();
    };
  }, [connection]);

  return <LiveConnectionContext value={connection}>{children}</LiveConnectionContext>;
}
