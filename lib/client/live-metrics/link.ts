/**
 * A live metrics transport as the connection sees it: WebTransport or the WebSocket fallback. Both
 * carry the same frames (lib/events/metrics-frames.ts); only the way they open and close differs.
 */
import type { ServerFrame } from '../../events/metrics-frames';

export type MetricsTransport = 'webtransport' | 'websocket';

export interface LinkHandlers {
  /** A frame from the server (already decoded and validated). */
  onFrame(frame: ServerFrame): void;
  /** The server sent something that is not a valid frame: counted, never fatal on its own. */
  onInvalid?(error: string): void;
  /** The link is gone. `opened` says whether it ever opened (false: it failed to connect). */
  onClose(info: { opened: boolean; reason: string; signedOut?: boolean }): void;
}

export interface MetricsLink {
  readonly transport: MetricsTransport;
  /** Sends a client frame: `lossy` ones (pings) may travel as datagrams, the rest reliably. */
  send(frame: Uint8Array, lossy: boolean): void;
  /** Closes without calling `onClose`. */
  close(): void;
}
