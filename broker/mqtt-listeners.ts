import net from 'node:net';
import tls from 'node:tls';
import { EnvError } from '../lib/env';
import type { MqttBroker } from './mqtt-broker';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server, port: number, host: string, variable: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new EnvError([`${variable} ${port} is already in use. Set ${variable} to a free port.`])
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
          }),
      });
    });
  });
}

function prepare(socket: net.Socket): void {
  // Nagle off: small MQTT packets must not wait for the next one (a 40 ms stall otherwise).
  socket.setNoDelay(true);
  // Finds peers that vanished without a FIN even when a client set keep-alive 0.
  socket.setKeepAlive(true, 60_000);
}

/** MQTT over TCP (mqtt://, default 1883). */
export function listenTcp(broker: MqttBroker, port: number, host: string): Promise<Listening> {
  const server = net.createServer({ noDelay: true }, (socket) => {
    prepare(socket);
    void broker.accept(socket, {
      transport: 'tcp',
      remote: socket.remoteAddress ?? 'unknown',
      principal: null,
      v5: null,
    });
  });
  return listen(server, port, host, 'MQTT_PORT');
}

/** MQTT_TLS_CERT / MQTT_TLS_KEY, read once at start (lib/server/tls-files.ts). */
export { readTlsFiles } from '../lib/server/tls-files';

/** MQTT over TLS (mqtts://, default 8883). */
export function listenTls(
  broker: MqttBroker,
  port: number,
  host: string,
  files: { cert: Buffer; key: Buffer },
): Promise<Listening> {
  let server: tls.Server;
  try {
    server = tls.createServer({ ...files, minVersion: 'TLSv1.2' }, (socket) => {
      prepare(socket);
      void broker.accept(socket, {
        transport: 'tls',
        remote: socket.remoteAddress ?? 'unknown',
        principal: null,
        v5: null,
      });
    });
  } catch (error) {
    throw new EnvError([
      `MQTT_TLS_CERT / MQTT_TLS_KEY are not a usable certificate and key (${(error as Error).message})`,
    ]);
  }
  // A failed handshake (a plain MQTT client on the TLS port) only costs that socket.
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  return listen(server, port, host, 'MQTT_TLS_PORT');
}
