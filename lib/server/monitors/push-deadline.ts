/**
 * When a push monitor's beat is missing. Pure: the engine asks at each scheduled evaluation.
 */
import type { CheckResult } from './types';

interface PushMonitor {
  intervalSeconds: number;
  timeoutSeconds: number;
  lastBeatAt: number | null;
  createdAt: number;
}

/** A beat is missing when none came within the interval plus the timeout (the allowed lateness). */
export function beatDeadlineMs(m: PushMonitor): number {
  return (m.intervalSeconds + m.timeoutSeconds) * 1000;
}

/** The last beat or, when none came since this process started, the start itself (devices get a fair chance). */
export function beatReference(m: PushMonitor, processStartedAt: number): number {
  return Math.max(m.lastBeatAt ?? 0, m.createdAt, processStartedAt);
}

/** A failed check when the beat is overdue, else null (nothing to record). */
export function missingBeat(m: PushMonitor, now: number, processStartedAt: number): CheckResult | null {
  const age = now - beatReference(m, processStartedAt);
  if (age < beatDeadlineMs(m)) return null;
  const seconds = Math.round(age / 1000);
  return {
    ok: false,
    latencyMs: null,
    message:
      m.lastBeatAt === null
        ? `No beat received yet (expected every ${m.intervalSeconds} s)`
        : `No beat for ${seconds} s (expected every ${m.intervalSeconds} s)`,
  };
}
