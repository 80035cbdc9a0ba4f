'use client';

import { formatExact, formatRelative } from '@/lib/client/format-time';
import { useNow } from '@/lib/client/use-now';

/** "2 min ago", with the exact local time on hover and in the machine-readable dateTime. */
export function RelativeTime({ ms, className }: { ms: number; className?: string }) {
  const now = useNow(5_000);
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={formatExact(ms)} className={className}>
      {/* Before the first client tick the exact time is the honest fallback. */}
      {now === 0 ? formatExact(ms) : formatRelative(ms, Math.max(now, ms))}
    </time>
  );
}
