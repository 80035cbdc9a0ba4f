/** A TCP port that accepts connections while "up" and stops listening while "down". */
import net, { type Socket } from 'node:net';

export interface TcpTarget {
  readonly port: number;
  up: boolean;
  setUp(up: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpTarget(options: { port?: number } = {}): Promise<TcpTarget> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.end('+OK\r\n');
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  const port = await listen(options.port ?? 0);
  const target: TcpTarget = {
    port,
    up: true,
    async setUp(up) {
      target.up = up;
      if (up && !server.listening) await listen(port);
      if (!up) await stop();
    },
    close: stop,
  };
  return target;
}
