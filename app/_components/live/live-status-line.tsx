'use client';

import { useLiveStats, useLiveStatus } from '@/lib/client/use-live-events';
import { useNow } from '@/lib/client/use-now';
import { TONE_CLASSES, TONE_OF, describeState, fromLiveStatus } from './transport-state';

const HEADLINE: Record<ReturnType<typeof fromLiveStatus>['kind'], string> = {
  connected: 'Live',
  connecting: 'Starting',
  reconnecting: 'Stale',
  paused: 'Paused',
  offline: 'Offline',
  down: 'Down',
  'not-running': 'Idle',
};

/**
 * The overview's one-line answer: "Live · connected · 12 events since load", in words and colour.
 * When the stream is not connected it says the numbers below may be stale.
 */
export function LiveStatusLine() {
  const status = useLiveStatus();
  const { total } = useLiveStats();
  const state = fromLiveStatus(status);
  const now = useNow(state.kind === 'reconnecting' ? 1_000 : 60_000);
  const tone = TONE_CLASSES[TONE_OF[state.kind]];
  return (
    <div
      data-live-status={state.kind}
      className={`flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border px-4 py-3 text-base ${tone.pill}`}
    >
      {/* Kept together so a narrow screen wraps between the state and the count, not inside. */}
      <span className="flex items-center gap-2">
        <span aria-hidden="true" className={`size-2.5 rounded-full ${tone.dot}`} />
        {/* Not a live region: the header's SSE indicator announces state changes on every page. */}
        <strong className={`font-semibold ${tone.text}`}>{HEADLINE[state.kind]}</strong>
        <span aria-hidden="true" className="text-slate-400">
          ·
        </span>
        <span className="text-slate-700 dark:text-slate-200">{describeState(state, now)}</span>
      </span>
      <span aria-hidden="true" className="hidden text-slate-400 sm:inline">
        ·
      </span>
      <span className="text-slate-700 dark:text-slate-200">
        <span className="font-semibold tabular-nums" data-total-events>
          {total}
        </span>{' '}
        {total === 1 ? 'event' : 'events'} since load
      </span>
      {state.kind !== 'connected' && state.kind !== 'connecting' && (
        <span className="text-sm text-slate-500 dark:text-slate-400">— figures may be stale</span>
      )}
    </div>
  );
}
