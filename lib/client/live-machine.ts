/**
 * The connection policy of the live event stream as a pure state machine: given what happened, it
 * returns the next status and the side effects to run (open or close the EventSource, arm the retry
 * timer, check the session). `LiveConnection` only executes these effects, so every decision about
 * when to reconnect is here and unit-tested.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export type OfflineReason = 'network' | 'gave-up' | 'signed-out';

/** What the user sees. `attempt` counts consecutive failures (0 on a first connect). */
export type LiveStatus =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected'; since: number }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'paused' }
  | { kind: 'offline'; reason: OfflineReason };

export type LiveStatusKind = LiveStatus['kind'];

export interface MachineState {
  status: LiveStatus;
  /** Consecutive failures since the last stable connection. */
  failures: number;
  /** When the current connection said hello; null while not connected. */
  connectedAt: number | null;
}

export type MachineInput =
  | { type: 'start'; now: number; online: boolean; visible: boolean }
  | { type: 'hello'; now: number }
  | { type: 'error'; now: number }
  | { type: 'retry-timer'; now: number }
  /** The server is stopping: reconnect at once (to the restarted or next instance). */
  | { type: 'shutdown'; now: number }
  | { type: 'hidden' }
  | { type: 'visible' }
  | { type: 'network-offline' }
  | { type: 'network-online'; visible: boolean }
  | { type: 'signed-out' }
  | { type: 'retry-now' };

export type Effect =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'schedule-retry'; delayMs: number }
  | { type: 'cancel-retry' }
  | { type: 'probe-auth' };

export interface MachineOptions {
  backoff: BackoffOptions;
  /** A connection that lived this long counts as healthy: its failure starts the backoff afresh. */
  stableAfterMs: number;
  /** Consecutive failures after which the stream is shown as down and only retries slowly. */
  maxFailures: number;
  /**
   * Once down, one attempt per this many ms: a wall screen nobody touches still comes back after a
   * long outage, at a cost to the server of one request per tab every few minutes.
   */
  downRetryMs: number;
  random: () => number;
}

export const DEFAULT_MACHINE_OPTIONS: MachineOptions = {
  backoff: DEFAULT_BACKOFF,
  stableAfterMs: 10_000,
  // With full jitter and a 60 s cap this is roughly half an hour of trying.
  maxFailures: 40,
  downRetryMs: 5 * 60_000,
  random: Math.random,
};

export const INITIAL_MACHINE_STATE: MachineState = {
  status: { kind: 'connecting', attempt: 0 },
  failures: 0,
  connectedAt: null,
};

export interface Transition {
  state: MachineState;
  effects: Effect[];
}

const same = (state: MachineState): Transition => ({ state, effects: [] });

function isActive(status: LiveStatus): boolean {
  return status.kind === 'connecting' || status.kind === 'connected' || status.kind === 'reconnecting';
}

/** Failures carried into the next attempt: a stable connection forgets earlier ones. */
function carriedFailures(state: MachineState, now: number, options: MachineOptions): number {
  const stable = state.connectedAt !== null && now - state.connectedAt >= options.stableAfterMs;
  return stable ? 0 : state.failures;
}

function connectNow(state: MachineState, failures: number): Transition {
  return {
    state: { status: { kind: 'connecting', attempt: failures }, failures, connectedAt: null },
    effects: [{ type: 'cancel-retry' }, { type: 'close' }, { type: 'open' }],
  };
}

function stopped(state: MachineState, status: LiveStatus): Transition {
  return {
    state: { ...state, status, connectedAt: null },
    effects: [{ type: 'cancel-retry' }, { type: 'close' }],
  };
}

export function transition(
  state: MachineState,
  input: MachineInput,
  options: MachineOptions = DEFAULT_MACHINE_OPTIONS,
): Transition {
  const { status } = state;
  switch (input.type) {
    case 'start':
      if (!input.online) return stopped(state, { kind: 'offline', reason: 'network' });
      if (!input.visible) return stopped(state, { kind: 'paused' });
      return connectNow(state, 0);

    case 'hello':
      if (status.kind !== 'connecting') return same(state);
      return {
        state: { ...state, status: { kind: 'connected', since: input.now }, connectedAt: input.now },
        effects: [],
      };

    case 'error': {
      if (status.kind !== 'connecting' && status.kind !== 'connected') return same(state);
      const failures = carriedFailures(state, input.now, options) + 1;
      if (failures > options.maxFailures) {
        return {
          state: { status: { kind: 'offline', reason: 'gave-up' }, failures, connectedAt: null },
          effects: [
            { type: 'close' },
            { type: 'schedule-retry', delayMs: options.downRetryMs },
            { type: 'probe-auth' },
          ],
        };
      }
      const delayMs = backoffDelay(failures - 1, options.backoff, options.random);
      return {
        state: {
          status: { kind: 'reconnecting', attempt: failures, retryAt: input.now + delayMs },
          failures,
          connectedAt: null,
        },
        effects: [{ type: 'close' }, { type: 'schedule-retry', delayMs }, { type: 'probe-auth' }],
      };
    }

    case 'retry-timer':
      // Failures are kept: a failed slow retry goes straight back to down, not to fast backoff.
      if (status.kind === 'reconnecting' || (status.kind === 'offline' && status.reason === 'gave-up')) {
        return connectNow(state, state.failures);
      }
      return same(state);

    case 'shutdown':
      if (status.kind !== 'connecting' && status.kind !== 'connected') return same(state);
      return connectNow(state, carriedFailures(state, input.now, options));

    case 'hidden':
      return isActive(status) ? stopped(state, { kind: 'paused' }) : same(state);

    case 'visible':
      // Someone is looking again: a paused stream resumes, and one that gave up tries afresh.
      if (status.kind === 'paused' || (status.kind === 'offline' && status.reason === 'gave-up')) {
        return connectNow(state, 0);
      }
      return same(state);

    case 'network-offline':
      if (status.kind === 'offline' && status.reason === 'signed-out') return same(state);
      return stopped(state, { kind: 'offline', reason: 'network' });

    case 'network-online':
      if (status.kind !== 'offline' || status.reason === 'signed-out') return same(state);
      return input.visible ? connectNow(state, 0) : stopped(state, { kind: 'paused' });

    case 'signed-out':
      return stopped(state, { kind: 'offline', reason: 'signed-out' });

    case 'retry-now':
      return status.kind === 'connected' || status.kind === 'connecting' ? same(state) : connectNow(state, 0);
  }
}
