import 'server-only';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Routes WebSocket upgrades by exact path. Unknown paths are left alone: Next adds its own `upgrade`
 * listener for its dev reload socket, and two listeners answering one socket would corrupt it.
 */
export class UpgradeRouter {
  private readonly routes = new Map<string, UpgradeHandler>();

  add(path: string, handler: UpgradeHandler): void {
    if (this.routes.has(path)) throw new Error(`Upgrade path ${path} is already routed`);
    this.routes.set(path, handler);
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(req.url ?? '/', 'http://internal').pathname;
      const handler = this.routes.get(pathname);
      if (!handler) return;
      socket.on('error', () => socket.destroy());
      try {
        handler(req, socket, head);
      } catch (error) {
        console.error(`[upgrade] ${pathname} failed:`, error);
        socket.destroy();
      }
    });
  }
}
