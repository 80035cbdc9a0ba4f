/**
 * Accepted HTTP status codes of a monitor, written as Uptime Kuma users know them: "200-299", "301",
 * "418". Pure: unit-tested beside this file.
 */

export const STATUS_RANGE_PATTERN = /^([1-5]\d\d)(?:-([1-5]\d\d))?$/;
export const DEFAULT_ACCEPTED = ['200-299'] as const;

export interface StatusRange {
  low: number;
  high: number;
}

/** Null when an entry is malformed or reversed (the definition schema reports which). */
export function parseStatusRange(entry: string): StatusRange | null {
  const match = STATUS_RANGE_PATTERN.exec(entry.trim());
  if (!match) return null;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= high ? { low, high } : null;
}

export function statusAccepted(code: number, accepted: readonly string[]): boolean {
  return accepted.some((entry) => {
    const range = parseStatusRange(entry);
    return range !== null && code >= range.low && code <= range.high;
  });
}
