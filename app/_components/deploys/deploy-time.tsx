'use client';

import { useTick } from '@/lib/client/deploys/use-tick';
import { formatExact, formatRelative } from '@/lib/client/format-time';

/**
 * "2 min ago", with the exact local time on hover and in `dateTime`. Like live/relative-time.tsx,
 * on the deploy views' own clock (see use-tick.ts for why).
 */
export function DeployTime({ ms, className }: { ms: number; className?: string }) {
  const now = useTick(5_000);
  return (
    // The server and the browser may sit in different time zones: the text is the browser's.
    <time
      dateTime={new Date(ms).toISOString()}
      title={formatExact(ms)}
      className={className}
      suppressHydrationWarning
    >
      {now === 0 ? formatExact(ms) : formatRelative(ms, Math.max(now, ms))}
    </time>
  );
}
