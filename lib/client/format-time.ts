/** Human times for live views: relative ("2 min ago"), exact (for hover) and durations ("1m 42s"). */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "12 s ago", "2 min ago", "3 h ago", "4 d ago"; "in 5 s" for times ahead of `now`. */
export function formatRelative(then: number, now: number): string {
  const diff = now - then;
  const abs = Math.abs(diff);
  if (abs < 5 * SECOND) return 'just now';
  let text: string;
  if (abs < MINUTE) text = `${Math.floor(abs / SECOND)} s`;
  else if (abs < HOUR) text = `${Math.floor(abs / MINUTE)} min`;
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`;
  else text = `${Math.floor(abs / DAY)} d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2025-11-25 09:58:01" in local time: unambiguous, sortable, the same in every locale. */
export function formatExact(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** "HH:MM:SS" in local time, for dense lists. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "850 ms", "12s", "1m 42s", "2h 5m", "3d 4h": the two largest units, never more. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < SECOND) return `${value} ms`;
  const parts: [number, string][] = [
    [Math.floor(value / DAY), 'd'],
    [Math.floor((value % DAY) / HOUR), 'h'],
    [Math.floor((value % HOUR) / MINUTE), 'm'],
    [Math.floor((value % MINUTE) / SECOND), 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(' ');
}
