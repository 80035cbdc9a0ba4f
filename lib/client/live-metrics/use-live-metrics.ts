'use client';

/**
 * React side of the live metrics connection: one connection per mounted panel, paused in hidden tabs
 * (after a short grace) and while the browser is offline, closed on unmount.
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import { MetricsConnection, type ChartView, type MetricsStatus } from './metrics-connection';
import { getTransportStatus, subscribeTransportStatus, type TransportStatus } from './transport-status';

const HIDDEN_GRACE_MS = 5_000;
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

/**
 * What the charts draw. Charts are split into `phases` groups that take turns, one group per step, so
 * each chart redraws every `phases` steps and no step redraws them all at once. Applied in a
 * transition, so React may yield between charts.
 */
export function useChartViews(connection: MetricsConnection, phases: number): readonly ChartView[] {
  const [views, setViews] = useState<readonly ChartView[]>(() =>
    Array.from({ length: phases }, () => connection.getView()),
  );
  useEffect(() => {
    let turn = 0;
    return connection.subscribeFrame(() => {
      const phase = turn++ % phases;
      const view = connection.getView();
      startTransition(() => setViews((old) => old.map((v, i) => (i === phase ? view : v))));
    });
  }, [connection, phases]);
  return views;
}

/** For the shell's WebTransport indicator: the panel's connection, or null when no panel is open. */
export function useTransportStatus(): TransportStatus | null {
  return useSyncExternalStore(subscribeTransportStatus, getTransportStatus, () => null);
}
