'use client';

import { useEffect, useState } from 'react';
import { transportsReportSchema, type TransportsReport } from '../../transports/report';
import { backoffDelay } from '../backoff';

/** How often the page asks for fresh figures while it is visible. */
export const POLL_MS = 3_000;
const TIMEOUT_MS = 8_000;

export type TransportsPoll =
  | { kind: 'loading' }
  | { kind: 'live'; report: TransportsReport; receivedAt: number }
  /** The last request failed: `report` (if any) is stale; the next try is at `retryAt`. */
  | {
      kind: 'failing';
      report: TransportsReport | null;
      receivedAt: number | null;
      error: string;
      retryAt: number;
    }
  | { kind: 'signed-out' };

type Outcome = { ok: true; report: TransportsReport } | { ok: false; error: string; signedOut?: boolean };

async function fetchReport(signal: AbortSignal): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch('/api/transports', { cache: 'no-store', signal });
  } catch {
    return {
      ok: false,
      error: signal.aborted ? 'the server did not answer in time' : 'the server cannot be reached',
    };
  }
  if (response.status === 401) return { ok: false, error: 'signed out', signedOut: true };
  if (!response.ok) return { ok: false, error: `the server answered ${response.status}` };
  const parsed = transportsReportSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return { ok: false, error: 'the server sent figures this page cannot read' };
  return { ok: true, report: parsed.data };
}

/**
 * Polls `GET /api/transports` every few seconds while the tab is visible (a hidden tab asks for
 * nothing), backs off with jitter while it fails, and keeps the last figures to show them as stale.
 */
export function useTransports(): TransportsPoll {
  const [poll, setPoll] = useState<TransportsPoll>({ kind: 'loading' });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let controller: AbortController | null = null;
    let failures = 0;
    let last: { report: TransportsReport; receivedAt: number } | null = null;
    let stopped = false;
    let inFlight = false;

    const schedule = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(), ms);
    };

    const run = async () => {
      timer = null;
      if (stopped || inFlight || document.visibilityState === 'hidden') return;
      inFlight = true;
      controller = new AbortController();
      const abort = setTimeout(() => controller?.abort(), TIMEOUT_MS);
      const outcome = await fetchReport(controller.signal);
      clearTimeout(abort);
      inFlight = false;
      if (stopped) return;
      if (outcome.ok) {
        failures = 0;
        last = { report: outcome.report, receivedAt: Date.now() };
        setPoll({ kind: 'live', ...last });
        schedule(POLL_MS);
        return;
      }
      if (outcome.signedOut) {
        setPoll({ kind: 'signed-out' });
        return;
      }
      const delay = Math.max(POLL_MS, backoffDelay(failures++));
      setPoll({
        kind: 'failing',
        report: last?.report ?? null,
        receivedAt: last?.receivedAt ?? null,
        error: outcome.error,
        retryAt: Date.now() + delay,
      });
      schedule(delay);
    };

    const onVisibility = () => {
      if (document.visibilityState === 'visible' && timer === null) void run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return poll;
}
