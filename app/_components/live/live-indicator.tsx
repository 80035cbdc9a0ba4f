'use client';

import { useNow } from '@/lib/client/use-now';
import { TONE_CLASSES, TONE_OF, describeState, type TransportState } from './transport-state';

const DOT_MOTION: Record<TransportState['kind'], string> = {
  connected: '',
  connecting: 'motion-safe:animate-pulse',
  reconnecting: 'motion-safe:animate-pulse',
  paused: '',
  offline: '',
  down: '',
  'not-running': '',
};

/**
 * A live indicator: a coloured dot plus the transport's name and state in words (never colour alone).
 * Presentational: each transport's client maps its state to a TransportState and passes it in.
 */
export function LiveIndicator({
  label,
  state,
  title,
  action,
}: {
  label: string;
  state: TransportState;
  /** Longer explanation on hover, e.g. which URL the transport uses. */
  title?: string;
  /** A control shown after the state, e.g. "Retry". */
  action?: React.ReactNode;
}) {
  // Only a countdown needs a ticking clock; the others render once.
  const now = useNow(state.kind === 'reconnecting' ? 1_000 : 60_000);
  const tone = TONE_CLASSES[TONE_OF[state.kind]];
  return (
    <span
      data-transport={label}
      data-state={state.kind}
      title={title}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs whitespace-nowrap ${tone.pill}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${tone.dot} ${DOT_MOTION[state.kind]}`} />
      <span className="font-medium text-slate-700 dark:text-slate-200">{label}</span>
      <span className={tone.text}>{describeState(state, now)}</span>
      {action}
    </span>
  );
}
