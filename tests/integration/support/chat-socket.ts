import http from 'node:http';
import WebSocket from 'ws';
import {
  parseServerFrame,
  type ClientFrame,
  type ServerFrame,
  type ServerFrameOf,
} from '../../../lib/events/chat-frames';

/** A real `ws` client of /ws/chat that keeps every frame it receives, parsed and validated. */
export class ChatSocket {
  readonly frames: ServerFrame[] = [];
  /** Frames that failed the shared schema: a test asserts this stays empty. */
  readonly invalid: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('message', (data) => {
      const frame = parseServerFrame((data as Buffer).toString());
      if (frame) this.frames.push(frame);
      else this.invalid.push((data as Buffer).toString());
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket with the session cookie and this site's Origin; resolves once `synced` arrived. */
  static async open(
    base: string,
    cookie: string,
    options: { after?: number | null } = {},
  ): Promise<ChatSocket> {
    const query = options.after !== undefined && options.after !== null ? `?after=${options.after}` : '';
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/chat${query}`, {
      headers: { cookie },
      origin: base,
    });
    const socket = new ChatSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    await socket.next('synced');
    return socket;
  }

  send(frame: ClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The next frame of `type` after the last one returned (and matching `where`), waiting for it. */
  async next<T extends ServerFrame['type']>(
    type: T,
    where: (frame: ServerFrameOf<T>) => boolean = () => true,
    ms = 10_000,
  ): Promise<ServerFrameOf<T>> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = this.cursor; i < this.frames.length; i++) {
        const frame = this.frames[i]!;
        if (frame.type === type && where(frame as ServerFrameOf<T>)) {
          this.cursor = i + 1;
          return frame as ServerFrameOf<T>;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no ${type} frame within ${ms} ms; got ${JSON.stringify(this.frames.slice(-5))}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Every frame of `type` received so far. */
  all<T extends ServerFrame['type']>(type: T): ServerFrameOf<T>[] {
    return this.frames.filter((f) => f.type === type) as ServerFrameOf<T>[];
  }

  welcome(): ServerFrameOf<'welcome'> {
    return this.all('welcome')[0]!;
  }

  /** Message ids received so far, in arrival order. */
  messageIds(): number[] {
    return this.all('message').map((f) => f.message.id);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close(1000);
    return this.closed;
  }
}

/** Sends a raw upgrade request and returns the HTTP status the server answered with (101 on success). */
export function upgradeStatus(
  base: string,
  headers: Record<string, string>,
  path = '/ws/chat',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Creates a user through the admin API. */
export async function createUser(
  base: string,
  adminCookie: string,
  user: { username: string; password: string; role: 'viewer' | 'operator' | 'admin' },
): Promise<void> {
  const res = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie, origin: base },
    body: JSON.stringify(user),
  });
  if (res.status !== 201)
    throw new Error(`creating ${user.username} failed: ${res.status} ${await res.text()}`);
}

let counter = 0;
/** A fresh client id (the browser uses crypto.randomUUID). */
export function clientId(): string {
  return `it-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}
