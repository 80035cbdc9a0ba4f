import 'server-only';
import type { ServerResponse } from 'node:http';

/** Writes a JSON body with the given status (node:http side of the house). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { ok: false, error }, headers);
}
