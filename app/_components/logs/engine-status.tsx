'use client';

import type { EngineState } from '@/lib/client/logs/logs-api';
import { useNow } from '@/lib/client/use-now';

const PILL = 'inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs whitespace-nowrap';

/**
 * The container engine, said plainly: connected (with its version), connecting, unreachable (the
 * reason and a countdown to the next attempt, with "Retry now"), or not used (and why).
 */
export function EngineStatus({
  engine,
  skewMs,
  stale,
  onRetry,
}: {
  engine: EngineState | null;
  skewMs: number;
  stale: boolean;
  onRetry?: () => void;
}) {
  const now = useNow(1_000);
  if (!engine) return null;
  const staleNote = stale ? ' (last known; the server is not answering)' : '';
  switch (engine.kind) {
    case 'connected':
      return (
        <span
          data-engine="connected"
          title={`Docker engine ${engine.version} (API ${engine.apiVersion}) at ${engine.host}${staleNote}`}
          className={`${PILL} border-emerald-600/25 bg-emerald-50 text-emerald-800 dark:border-emerald-400/25 dark:bg-emerald-400/10 dark:text-emerald-300`}
        >
          <span aria-hidden className="size-2 rounded-full bg-emerald-500" />
          Docker {engine.version} · connected{staleNote}
        </span>
      );
    case 'connecting':
      return (
        <span
          data-engine="connecting"
          className={`${PILL} border-amber-600/30 text-amber-800 dark:text-amber-300`}
        >
          <span aria-hidden className="size-2 rounded-full bg-amber-500 motion-safe:animate-pulse" />
          Connecting to Docker at {engine.host}…
        </span>
      );
    case 'disabled':
      return (
        <span
          data-engine="disabled"
          className={`${PILL} border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400`}
        >
          Container logs off: {engine.reason}
        </span>
      );
    case 'unreachable': {
      const seconds = now === 0 ? null : Math.max(0, Math.ceil((engine.retryAt - skewMs - now) / 1000));
      return (
        <div
          data-engine="unreachable"
          role="status"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-rose-600/30 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-400/30 dark:bg-rose-400/10 dark:text-rose-200"
        >
          <span className="font-semibold">Docker engine unreachable</span>
          <span className="font-mono text-xs">{engine.host}</span>
          <span>— {engine.error}.</span>
          <span data-retry-countdown>
            {seconds === null || seconds === 0
              ? 'Retrying now…'
              : `Retrying in ${seconds} s (attempt ${engine.attempt + 1}).`}
          </span>
          {onRetry && (
            <button
              type="button"
              onClick={onRetry}
              className="font-medium underline underline-offset-2 hover:no-underline"
            >
              Retry now
            </button>
          )}
          {stale && <span className="text-xs">(last known; the server is not answering)</span>}
        </div>
      );
    }
  }
}
