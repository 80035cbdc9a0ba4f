import type { ExplorerState } from '@/lib/client/sensors/mqtt-explorer';
import type { TransportState } from '../live/transport-state';

/** The explorer's connection as a transport indicator state (null: no explorer open in this tab). */
export function explorerTransportState(state: ExplorerState | null): TransportState {
  if (state === null) return { kind: 'not-running', note: 'idle' };
  switch (state.kind) {
    case 'connecting':
      return { kind: 'connecting' };
    case 'connected':
      return { kind: 'connected' };
    case 'reconnecting':
      return { kind: 'reconnecting', retryAt: state.retryAt };
    case 'refused':
      return { kind: 'down', reason: 'signed-out' };
    case 'paused':
      return { kind: 'paused' };
  }
}
