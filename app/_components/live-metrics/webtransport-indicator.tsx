'use client';

import { useTransportStatus } from '@/lib/client/live-metrics/use-live-metrics';
import { LiveIndicator } from '../live/live-indicator';
import { fromLiveStatus, type TransportState } from '../live/transport-state';

/**
 * The shell's WebTransport indicator. Only the live metrics panel uses WebTransport, so outside it the
 * transport is idle in this tab; on it, the indicator follows the panel's connection, and says so when
 * the panel had to fall back to the WebSocket.
 */
export function WebTransportIndicator() {
  const status = useTransportStatus();
  let state: TransportState;
  let title = 'UDP (HTTP/3): carries the live metrics while the Live metrics page is open';
  if (status === null) {
    state = { kind: 'not-running', note: 'idle' };
  } else if (status.transport === 'websocket') {
    state = { kind: 'not-running', note: 'unavailable · WebSocket in use' };
    title = `Live metrics use the WebSocket fallback: ${status.fallbackReason ?? 'WebTransport did not open'}`;
  } else if (status.transport === null && status.fallbackReason && status.status.kind === 'connecting') {
    state = { kind: 'not-running', note: 'unavailable · trying WebSocket' };
    title = status.fallbackReason;
  } else {
    state = fromLiveStatus(status.status);
  }
  return <LiveIndicator label="WebTransport" state={state} title={title} />;
}
