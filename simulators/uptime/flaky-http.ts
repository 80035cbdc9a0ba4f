/**
 * A local HTTP(S) target whose behaviour can be switched at run time: healthy, slow, failing, down
 * (not listening), or hostile (garbage, huge body, slow drip, endless redirects). The demo simulator
 * and the integration tests both use it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export const TARGET_MODES = ['ok', 'slow', 'error', 'down', 'hang', 'garbage', 'huge', 'drip', 'redirect-loop', 'json-bad'] as const;
export type TargetMode = (typeof TARGET_MODES)[number];

export interface FlakyTarget {
  readonly port: number;
  readonly url: string;
  mode: TargetMode;
  /** Delay of the `slow` mode, ms. */
  slowMs: number;
  /** Requests received. */
  hits: number;
  /** Connections open right now (a checker that leaks sockets would grow this). */
  readonly openConnections: number;
  setMode(mode: TargetMode): Promise<void>;
  close(): Promise<void>;
}

export async function startFlakyTarget(options: { port?: number; tls?: { cert: string; key: string }; mode?: TargetMode } = {}): Promise<FlakyTarget> {
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse) => respond(target, req, res);
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (target.mode === 'garbage') {
      socket.end('\x00\x13garbage, not HTTP at all\r\n\r\n');
    }
  });
  server.on('tlsClientError', () => undefined);
  let listening = false;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve((server.address() as { port: number }).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  const port = await listen(options.port ?? 0);
  const scheme = options.tls ? 'https' : 'http';
  const target: FlakyTarget = {
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    mode: options.mode ?? 'ok',
    slowMs: 3_000,
    hits: 0,
    get openConnections() {
      return sockets.size;
    },
    async setMode(mode) {
      this.mode = mode;
      if (mode === 'down') await stop();
      else if (!listening) await listen(port);
    },
    close: stop,
  };
  return target;
}

function respond(target: FlakyTarget, req: IncomingMessage, res: ServerResponse): void {
  target.hits++;
  const path = req.url ?? '/';
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  switch (target.mode) {
    case 'ok':
      return json(200, { status: 'ok', db: { healthy: true, latencyMs: 3 }, path });
    case 'slow':
      setTimeout(() => json(200, { status: 'ok', slow: true }), target.slowMs).unref();
      return;
    case 'error':
      return json(503, { status: 'unavailable' });
    case 'json-bad':
      return json(200, { status: 'degraded', db: { healthy: false } });
    case 'hang':
      return; // headers never come
    case 'huge': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk)) if (res.writableLength > 1e6) break;
      };
      res.on('drain', pump);
      pump();
      return;
    }
    case 'drip': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'redirect-loop':
      res.writeHead(302, { location: `/loop/${Number(path.split('/').at(-1)) + 1 || 1}` });
      res.end();
      return;
    case 'garbage':
    case 'down':
      res.destroy();
      return;
  }
}
