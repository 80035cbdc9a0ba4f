'use client';

import { formatExact, formatRelative } from '@/lib/client/format-time';
import { useTick } from '@/lib/client/deploys/use-tick';

/** "12 s ago" with the exact time on hover; "never" for null. Shares one 5 s clock with the page. */
export function Ago({ ms, className }: { ms: number | null; className?: string }) {
  const now = useTick(5_000);
  if (ms === null) return <span className={className}>never</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatExact(ms)} className={className}>
      {now === 0 ? formatExact(ms) : formatRelative(ms, Math.max(now, ms))}
    </time>
  );
}
