/**
 * The WebSocket fallback link: `/ws/metrics` on this origin, one binary frame per message. The session
 * cookie rides along; the server checks it (and Origin) before the socket opens.
 */
import { decodeServerFrame } from '../../events/metrics-frames';
import type { LinkHandlers, MetricsLink } from './link';

export const METRICS_WS_PATH = '/ws/metrics';

/** Close codes that mean "do not just retry": the server refused this client. */
const POLICY_CLOSE = 1008;

export function openWebSocketLink(handlers: LinkHandlers, origin = window.location.origin): MetricsLink {
  const url = `${origin.replace(/^http/, 'ws')}${METRICS_WS_PATH}`;
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  let opened = false;
  let done = false;
  const finish = (reason: string) => {
    if (done) return;
    done = true;
    handlers.onClose({ opened, reason });
  };
  ws.addEventListener('open', () => (opened = true));
  ws.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
    if (done) return;
    if (typeof event.data === 'string') return handlers.onInvalid?.('text frame');
    const decoded = decodeServerFrame(new Uint8Array(event.data));
    if (decoded.ok) handlers.onFrame(decoded.frame);
    else handlers.onInvalid?.(decoded.error);
  });
  ws.addEventListener('close', (event) => {
    const why = event.code === POLICY_CLOSE ? `refused: ${event.reason}` : `closed (${event.code})`;
    finish(opened ? why : 'could not connect');
  });
  return {
    transport: 'websocket',
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    close() {
      done = true;
      ws.close(1000);
    },
  };
}
