'use client';

/**
 * React side of the live metrics connection: one connection per mounted panel, paused in hidden tabs
 * (after a short grace) and while the browser is offline, closed on unmount.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { MetricsConnection, type MetricsStatus } from './metrics-connection';
import type { ChartRow } from './series-window';
import { getTransportStatus, subscribeTransportStatus, type TransportStatus } from './transport-status';

const HIDDEN_GRACE_MS = 5_000;
const NO_ROWS: readonly ChartRow[] = [];
let serverStatus: MetricsStatus | null = null;

export function useMetricsConnection(): MetricsConnection {
  // Created once per mount; the constructor touches no browser API, so it is safe during SSR.
  const [connection] = useState(() => new MetricsConnection());
  useEffect(() => {
    const visible = () => document.visibilityState !== 'hidden';
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const onVisibility = () => {
      clearTimeout(hideTimer);
      if (visible()) connection.setVisible(true);
      else hideTimer = setTimeout(() => connection.setVisible(false), HIDDEN_GRACE_MS);
    };
    const onOnline = () => connection.setOnline(true, visible());
    const onOffline = () => connection.setOnline(false, visible());
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
  return connection;
}

/** State, transport, rate, round trip and loss; changes on state changes and twice a second. */
export function useMetricsStatus(connection: MetricsConnection): MetricsStatus {
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus, () => {
    serverStatus ??= new MetricsConnection().getStatus();
    return serverStatus;
  });
}

/** The chart rows; a new array at most once per animation frame. */
export function useMetricsRows(connection: MetricsConnection): readonly ChartRow[] {
  return useSyncExternalStore(
    connection.subscribeFrame,
    () => connection.series.rows(),
    () => NO_ROWS,
  );
}

/** For the shell's WebTransport indicator: the panel's connection, or null when no panel is open. */
export function useTransportStatus(): TransportStatus | null {
  return useSyncExternalStore(subscribeTransportStatus, getTransportStatus, () => null);
}
