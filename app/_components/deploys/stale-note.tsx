'use client';

import { useTick } from '@/lib/client/deploys/use-tick';
import { describeState } from '../live/transport-state';
import { useStale } from './use-stale';

/** "May be stale — live updates reconnecting in 4 s", shown only while the stream is not connected. */
export function StaleNote({ className = '' }: { className?: string }) {
  const { stale, state } = useStale();
  const now = useTick(state.kind === 'reconnecting' ? 1_000 : 60_000);
  if (!stale) return null;
  return (
    <span
      data-stale-note
      className={`inline-flex items-center gap-1 rounded border border-amber-500/40 bg-amber-50 px-1.5 py-px text-xs font-medium text-amber-800 dark:bg-amber-400/10 dark:text-amber-300 ${className}`}
    >
      <span aria-hidden="true">⚠</span>
      May be stale — live updates {describeState(state, now)}
    </span>
  );
}
