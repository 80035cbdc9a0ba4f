import 'server-only';

/** What the UI says about the container engine. */
export type EngineState =
  | { kind: 'disabled'; reason: string }
  | { kind: 'connecting'; host: string; attempt: number }
  | { kind: 'connected'; host: string; version: string; apiVersion: string; since: number }
  | {
      kind: 'unreachable';
      host: string;
      error: string;
      /** When the next attempt starts (server clock, ms since the epoch). */
      retryAt: number;
      attempt: number;
      since: number;
    };

const BASE_MS = 1_000;
const CAP_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential up to 30 s with "equal jitter"
 * (half fixed, half random), so that an engine restart is noticed within seconds and a long outage
 * costs one attempt every 15–30 s.
 */
export function engineRetryDelay(attempt: number, random: () => number = Math.random): number {
  const window = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(Math.max(0, attempt - 1), 16));
  return Math.round(window / 2 + (random() * window) / 2);
}

/** A short, readable reason from an engine error (no stack, no request dump). */
export function describeEngineError(error: unknown): string {
  const e = error as { code?: string; message?: string; statusCode?: number; json?: { message?: string } };
  if (e?.json?.message) return e.json.message;
  if (e?.code === 'ENOENT') return `no socket at ${(e.message ?? '').replace(/^.*ENOENT\s*/, '')}`.trim();
  if (e?.code === 'EACCES') return `permission denied on the socket: ${e.message ?? ''}`;
  if (e?.code === 'ECONNREFUSED') return `connection refused: ${e.message ?? ''}`;
  return (e?.message ?? String(error)).split('\n')[0]!.slice(0, 300);
}
