import type { LiveStatus } from '@/lib/client/use-live-events';

/**
 * What a live indicator shows. Every transport (SSE today; WebSocket chat, MQTT and WebTransport in
 * later issues) maps its own client state to this, so they all look and read the same.
 */
export type TransportState =
  | { kind: 'connected' }
  | { kind: 'connecting' }
  | { kind: 'reconnecting'; retryAt: number | null }
  | { kind: 'paused' }
  | { kind: 'offline' }
  | { kind: 'down'; reason: 'gave-up' | 'signed-out' }
  | { kind: 'not-running'; note?: string };

export type Tone = 'good' | 'warn' | 'bad' | 'idle';

export const TONE_OF: Record<TransportState['kind'], Tone> = {
  connected: 'good',
  connecting: 'warn',
  reconnecting: 'warn',
  paused: 'idle',
  offline: 'bad',
  down: 'bad',
  'not-running': 'idle',
};

/** Whole class strings per tone (Tailwind sees them as written). Colour always comes with words. */
export const TONE_CLASSES: Record<Tone, { dot: string; text: string; pill: string }> = {
  good: {
    dot: 'bg-emerald-500',
    text: 'text-emerald-700 dark:text-emerald-400',
    pill: 'border-emerald-600/25 bg-emerald-50 dark:border-emerald-400/25 dark:bg-emerald-400/10',
  },
  warn: {
    dot: 'bg-amber-500',
    text: 'text-amber-700 dark:text-amber-300',
    pill: 'border-amber-600/30 bg-amber-50 dark:border-amber-400/30 dark:bg-amber-400/10',
  },
  bad: {
    dot: 'bg-rose-500',
    text: 'text-rose-700 dark:text-rose-400',
    pill: 'border-rose-600/30 bg-rose-50 dark:border-rose-400/30 dark:bg-rose-400/10',
  },
  idle: {
    dot: 'bg-slate-400 dark:bg-slate-500',
    text: 'text-slate-600 dark:text-slate-400',
    pill: 'border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900',
  },
};

/** Maps the SSE connection's status to an indicator state. */
export function fromLiveStatus(status: LiveStatus): TransportState {
  switch (status.kind) {
    case 'connected':
      return { kind: 'connected' };
    case 'connecting':
      return status.attempt > 0 ? { kind: 'reconnecting', retryAt: null } : { kind: 'connecting' };
    case 'reconnecting':
      return { kind: 'reconnecting', retryAt: status.retryAt };
    case 'paused':
      return { kind: 'paused' };
    case 'offline':
      return status.reason === 'network' ? { kind: 'offline' } : { kind: 'down', reason: status.reason };
  }
}

/** The words of a state; `now` is needed for the retry countdown. */
export function describeState(state: TransportState, now: number): string {
  switch (state.kind) {
    case 'connected':
      return 'connected';
    case 'connecting':
      return 'connecting…';
    case 'reconnecting': {
      if (state.retryAt === null || now === 0) return 'reconnecting…';
      const seconds = Math.ceil((state.retryAt - now) / 1000);
      return seconds > 0 ? `reconnecting in ${seconds} s` : 'reconnecting…';
    }
    case 'paused':
      return 'paused (tab hidden)';
    case 'offline':
      return 'offline (no network)';
    case 'down':
      return state.reason === 'signed-out' ? 'down (signed out)' : 'down (retrying every few min)';
    case 'not-running':
      return state.note ?? 'not running yet';
  }
}
