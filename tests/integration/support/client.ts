import http from 'node:http';
import { SseParser, type SseMessage } from '../../../lib/events/sse-frame';
import { ADMIN_PASSWORD } from './server';

/** Logs in and returns the session cookie (`sb_session=…`). */
export async function loginCookie(
  base: string,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

/** Publishes events through the operator API; returns their ids. */
export async function publish(
  base: string,
  cookie: string,
  events: { type: string; data: unknown }[],
): Promise<number[]> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ events }),
  });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ids: number[] }).ids;
}

export const progressEvent = (percent: number, message?: string) => ({
  type: 'deploy-progress',
  data: { deployId: 'it-1', service: 'api', step: 'build', percent, ...(message ? { message } : {}) },
});

export interface SseClient {
  messages: SseMessage[];
  status: Promise<number>;
  closed: Promise<void>;
  isClosed: () => boolean;
  close: () => void;
  ids: () => number[];
}

/** A streaming SSE client over node:http that keeps every parsed message. */
export function openSse(base: string, path: string, headers: Record<string, string> = {}): SseClient {
  const messages: SseMessage[] = [];
  const parser = new SseParser();
  let closed = false;
  let resolveClosed!: () => void;
  const closedPromise = new Promise<void>((r) => (resolveClosed = r));
  let resolveStatus!: (s: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const markClosed = () => {
    closed = true;
    resolveClosed();
  };
  const req = http.get(`${base}${path}`, { headers }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => messages.push(...parser.push(chunk)));
    res.on('close', markClosed);
    res.on('error', markClosed);
  });
  req.on('error', () => {
    resolveStatus(0);
    markClosed();
  });
  return {
    messages,
    status,
    closed: closedPromise,
    isClosed: () => closed,
    close: () => req.destroy(),
    ids: () => messages.filter((m) => m.id !== undefined && m.event !== 'hello').map((m) => Number(m.id)),
  };
}

export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
