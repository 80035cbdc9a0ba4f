import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { authenticate, nodeHeaders } from '../lib/server/auth/request-auth';
import type { UpgradeHandler } from '../lib/server/upgrade-router';
import { refuseUpgrade, sameOrigin } from './chat-upgrade';
import type { MqttBroker } from './mqtt-broker';

/** Subprotocols MQTT clients ask for over WebSocket (MQTT 3.1.1 §6, MQTT 5 §6). */
const SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

/**
 * MQTT over WebSocket at `/mqtt` on the web port. A page of this site with a session cookie gets a
 * read-only browser session (the explorer panel): the cookie and the Origin are checked here, at the
 * upgrade, before any socket exists. Anything else must log in as a device in its CONNECT, as on
 * TCP. A page of another site is refused (403): it could otherwise ride a signed-in user's cookie.
 */
export function mqttUpgradeHandler(broker: MqttBroker): { handle: UpgradeHandler; close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    // One MQTT packet per frame at most; a larger frame is closed with 1009 by ws.
    maxPayload: broker.limits.maxPacketBytes + 16,
    perMessageDeflate: false,
    handleProtocols: (protocols) => SUBPROTOCOLS.find((p) => protocols.has(p)) ?? false,
  });

  const handle: UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const headers = nodeHeaders(req.headers);
    if (headers.get('origin') && !sameOrigin(headers)) {
      refuseUpgrade(socket, 403, 'Cross-origin MQTT over WebSocket refused: Origin must match this site.');
      return;
    }
    const principal = authenticate(headers);
    (socket as Socket).setNoDelay?.(true);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      void broker.accept(
        stream,
        { transport: 'ws', remote: req.socket.remoteAddress ?? 'unknown', principal, v5: null },
        req,
      );
    });
  };

  return {
    handle,
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
