import 'server-only';

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
const BILLION = 1_000_000_000n;

/**
 * The engine's log timestamp (RFC 3339 with nanoseconds, e.g. `2026-11-25T10:33:49.844244123Z`) as
 * nanoseconds since the epoch: exact, so that it can serve as the resume cursor. Null when malformed.
 */
export function parseDockerTimestamp(text: string): bigint | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (!Number.isFinite(seconds)) return null;
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return (BigInt(seconds) / 1000n) * BILLION + fraction;
}

export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}

/** The `since` parameter of the logs API for a cursor: `<seconds>.<nanoseconds>` (inclusive). */
export function sinceParam(ns: bigint): string {
  return `${ns / BILLION}.${(ns % BILLION).toString().padStart(9, '0')}`;
}
