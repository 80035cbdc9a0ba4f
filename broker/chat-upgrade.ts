import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  authenticate,
  nodeHeaders,
  type HeaderSource,
  type Principal,
} from '../lib/server/auth/request-auth';
import { readCookie, SESSION_COOKIE } from '../lib/server/auth/sessions';

export type UpgradeCheck =
  | { ok: true; principal: Principal; after: number | null; session: string }
  | { ok: false; status: 400 | 401 | 403 | 503; error: string };

/**
 * True when the page that opened the socket is this site. Browsers send `Origin` on every WebSocket
 * handshake (RFC 6455 §4.1, item 8; §10.2), and a cookie rides along whatever page opens it, so this
 * is what stops another site from chatting in a signed-in user's name (cross-site WebSocket hijacking).
 */
export function sameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get('origin');
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Decides an upgrade to `/ws/chat` before any WebSocket exists: the Origin must be this site (403),
 * the session cookie must name a user (401; API keys are for automation, chat is for people), and
 * `?after=<id>` must be a message id when present (400).
 */
export function checkUpgrade(req: IncomingMessage): UpgradeCheck {
  const headers = nodeHeaders(req.headers);
  if (!sameOrigin(headers)) {
    return { ok: false, status: 403, error: 'Cross-origin WebSocket refused: Origin must match this site.' };
  }
  const principal = authenticate(headers);
  if (!principal) return { ok: false, status: 401, error: 'Sign in first: the chat needs a session cookie.' };
  if (principal.via !== 'session') {
    return { ok: false, status: 403, error: 'The chat is for signed-in users; API keys cannot open it.' };
  }
  const after = new URL(req.url ?? '/', 'http://internal').searchParams.get('after');
  if (after !== null && !/^\d{1,15}$/.test(after)) {
    return { ok: false, status: 400, error: 'after must be a message id (digits).' };
  }
  const session = readCookie(headers.get('cookie'), SESSION_COOKIE) ?? '';
  return { ok: true, principal, after: after === null ? null : Number(after), session };
}

/**
 * Answers a refused upgrade with a plain HTTP response and closes the socket: no WebSocket is made.
 * The socket is destroyed once the response is flushed (as ws's abortHandshake does).
 */
export function refuseUpgrade(socket: Duplex, status: number, error: string): void {
  const body = JSON.stringify({ ok: false, error });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
