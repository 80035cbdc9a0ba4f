/**
 * Reconnect delays: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff
 * and Jitter"): the delay is uniform in [0, min(cap, base * 2^attempt)]. Spreading retries over the
 * whole window keeps a fleet of tabs from reconnecting in lockstep after a server restart.
 */
export interface BackoffOptions {
  /** Window of the first retry, in ms. */
  baseMs: number;
  /** Largest window, in ms: a tab left overnight retries at most about once per cap. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/** The upper bound of the retry window for a 0-based attempt number. */
export function backoffWindow(attempt: number, { baseMs, capMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  const safeAttempt = Math.max(0, Math.floor(attempt));
  // 2^31 already passes any sane cap; clamping the exponent keeps the arithmetic finite.
  const exponential = baseMs * 2 ** Math.min(safeAttempt, 31);
  return Math.min(capMs, exponential);
}

/**
 * The delay before retry number `attempt` (0-based). `random` returns a number in [0, 1), like
 * Math.random, and is a parameter so tests can pin it.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * backoffWindow(attempt, options));
}
