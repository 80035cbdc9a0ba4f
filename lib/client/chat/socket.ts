/** The browser side of the chat socket's plumbing: the URL, the WebSocket surface used, the session probe. */
import type { AuthProbeResult } from '../live-connection';

/** What this module reads of the browser's events (MessageEvent's data, CloseEvent's code and reason). */
export interface SocketEvent {
  data?: unknown;
  code?: number;
  reason?: string;
}

/** The part of the browser WebSocket this module uses; tests pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: SocketEvent) => void,
  ): void;
}

/** `ws(s)://<this host>/ws/chat`, with the resume point when there is one. */
export function chatSocketUrl(after: number | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/chat${after === null ? '' : `?after=${after}`}`;
}

/** After a failed connect: is the session still valid? A signed-out user stops retrying. */
export async function probeSession(): Promise<AuthProbeResult> {
  try {
    const response = await fetch('/api/me', { cache: 'no-store', credentials: 'same-origin' });
    if (response.status === 401) return 'signed-out';
    return response.ok ? 'ok' : 'unknown';
  } catch {
    return 'unknown';
  }
}
