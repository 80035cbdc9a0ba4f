'use client';

/**
 * React hooks over the shared live connection (see LiveEventsProvider). Components never open their
 * own EventSource: they read status, counters and recent events from here, or subscribe by type.
 */
import { useContext, useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import type { EventType, StreamName } from '../events';
import type { ResetInfo } from './control-events';
import type { LiveConnection } from './live-connection';
import type { AnyLiveEvent, LiveEvent } from './live-event';
import type { LiveStatus } from './live-machine';
import type { LiveStats, RecentKey, StreamStats } from './live-store';
import { LiveConnectionContext } from './live-events-provider';

export type { AnyLiveEvent, LiveEvent } from './live-event';
export type { LiveStatus } from './live-machine';
export type { LiveStats, StreamStats } from './live-store';

const SERVER_STATUS: LiveStatus = { kind: 'connecting', attempt: 0 };
const NO_EVENTS: readonly AnyLiveEvent[] = [];

/** The page's live connection. Throws outside a LiveEventsProvider: that is a wiring bug. */
export function useLiveConnection(): LiveConnection {
  const connection = useContext(LiveConnectionContext);
  if (!connection) throw new Error('useLiveConnection needs a <LiveEventsProvider> above it');
  return connection;
}

/** connecting / connected / reconnecting (with retryAt) / paused / offline (with a reason). */
export function useLiveStatus(): LiveStatus {
  const connection = useLiveConnection();
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus, () => SERVER_STATUS);
}

/** Counters of events received since the page loaded, in total and per stream. */
export function useLiveStats(): LiveStats {
  const { store } = useLiveConnection();
  return useSyncExternalStore(store.subscribeStats, store.getStats, store.getStats);
}

export function useStreamStats(stream: StreamName): StreamStats {
  return useLiveStats().byStream[stream];
}

/** The newest events of one stream (or of all), newest first, at most 200. */
export function useRecentEvents(key: RecentKey): readonly AnyLiveEvent[] {
  const { store } = useLiveConnection();
  return useSyncExternalStore(
    store.subscribeRecent,
    () => store.getRecent(key),
    () => NO_EVENTS,
  );
}

/**
 * Calls `handler` for every event of the given type(s). The handler may change on every render; the
 * subscription does not.
 *
 * @example useLiveEvent('deploy-complete', (event) => setLast(event.data.status));
 */
export function useLiveEvent<T extends EventType>(
  types: T | readonly T[],
  handler: (event: LiveEvent<T>) => void,
): void {
  const { store } = useLiveConnection();
  const onEvent = useEffectEvent(handler);
  const key = Array.isArray(types) ? types.join(',') : (types as string);
  useEffect(() => {
    const list = key.split(',') as T[];
    return store.subscribe(list, (event) => onEvent(event));
  }, [store, key]);
}

/** Calls `handler` when the server says the resume point is gone: reload state from the API. */
export function useLiveReset(handler: (info: ResetInfo) => void): void {
  const { store } = useLiveConnection();
  const onReset = useEffectEvent(handler);
  useEffect(() => store.onReset((info) => onReset(info)), [store]);
}
