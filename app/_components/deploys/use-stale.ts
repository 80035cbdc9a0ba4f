'use client';

import { useLiveStatus } from '@/lib/client/use-live-events';
import { fromLiveStatus, type TransportState } from '../live/transport-state';

const STALE_KINDS = new Set<TransportState['kind']>(['reconnecting', 'paused', 'offline', 'down']);

/**
 * Whether live data on screen may be out of date: the stream is not connected (the first connect
 * of a fresh page does not count, the server render is current then). Also returns the state.
 */
export function useStale(): { stale: boolean; state: TransportState } {
  const state = fromLiveStatus(useLiveStatus());
  return { stale: STALE_KINDS.has(state.kind), state };
}
