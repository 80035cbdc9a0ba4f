import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MACHINE_OPTIONS,
  INITIAL_MACHINE_STATE,
  transition,
  type MachineInput,
  type MachineOptions,
  type MachineState,
} from './live-machine';

const options: MachineOptions = { ...DEFAULT_MACHINE_OPTIONS, random: () => 0.5, maxFailures: 5 };

function run(inputs: MachineInput[], start: MachineState = INITIAL_MACHINE_STATE) {
  let state = start;
  const effects = [];
  for (const input of inputs) {
    const next = transition(state, input, options);
    state = next.state;
    effects.push(next.effects.map((e) => e.type));
  }
  return { state, effects };
}

const start: MachineInput = { type: 'start', now: 0, online: true, visible: true };

describe('live connection machine', () => {
  it('opens on start and is connected after hello', () => {
    const { state, effects } = run([start, { type: 'hello', now: 100 }]);
    expect(state.status).toEqual({ kind: 'connected', since: 100 });
    expect(effects[0]).toContain('open');
  });

  it('starts offline without a network and paused in a hidden tab', () => {
    expect(run([{ ...start, online: false }]).state.status).toEqual({ kind: 'offline', reason: 'network' });
    expect(run([{ ...start, visible: false }]).state.status).toEqual({ kind: 'paused' });
  });

  it('backs off with growing windows on repeated failures, closing and checking the session', () => {
    const { state, effects } = run([
      start,
      { type: 'error', now: 1_000 },
      { type: 'retry-timer', now: 1_500 },
      { type: 'error', now: 2_000 },
    ]);
    // attempt 2 → window 2 s, random 0.5 → 1 s
    expect(state.status).toEqual({ kind: 'reconnecting', attempt: 2, retryAt: 3_000 });
    expect(effects[1]).toEqual(['close', 'schedule-retry', 'probe-auth']);
    expect(effects[2]).toContain('open');
  });

  it('forgets failures after a stable connection but not after a flapping one', () => {
    const flapping = run([
      start,
      { type: 'error', now: 0 },
      { type: 'retry-timer', now: 1 },
      { type: 'hello', now: 2 },
      { type: 'error', now: 3 },
    ]);
    expect(flapping.state.failures).toBe(2);
    const stable = run([
      start,
      { type: 'error', now: 0 },
      { type: 'retry-timer', now: 1 },
      { type: 'hello', now: 2 },
      { type: 'error', now: 60_000 },
    ]);
    expect(stable.state.failures).toBe(1);
  });

  it('once down, retries slowly and goes back down on another failure', () => {
    const inputs: MachineInput[] = [start];
    for (let i = 0; i < 6; i++)
      inputs.push({ type: 'error', now: i * 10 }, { type: 'retry-timer', now: i * 10 + 5 });
    const down = run(inputs.slice(0, -1));
    expect(down.effects.at(-1)).toEqual(['close', 'schedule-retry', 'probe-auth']);
    const retry = transition(down.state, { type: 'retry-timer', now: 1_000 }, options);
    expect(retry.state.status.kind).toBe('connecting');
    const again = transition(retry.state, { type: 'error', now: 2_000 }, options);
    expect(again.state.status).toEqual({ kind: 'offline', reason: 'gave-up' });
    expect(again.effects).toContainEqual({ type: 'schedule-retry', delayMs: options.downRetryMs });
  });

  it('gives up after maxFailures and tries again when the tab is shown', () => {
    const inputs: MachineInput[] = [start];
    for (let i = 0; i < 6; i++)
      inputs.push({ type: 'error', now: i * 10 }, { type: 'retry-timer', now: i * 10 + 5 });
    const gaveUp = run(inputs.slice(0, -1));
    expect(gaveUp.state.status).toEqual({ kind: 'offline', reason: 'gave-up' });
    const shown = transition(gaveUp.state, { type: 'visible' }, options);
    expect(shown.state.status).toEqual({ kind: 'connecting', attempt: 0 });
    expect(shown.effects.map((e) => e.type)).toContain('open');
  });

  it('reconnects at once on shutdown', () => {
    const { state, effects } = run([start, { type: 'hello', now: 0 }, { type: 'shutdown', now: 20_000 }]);
    expect(state.status).toEqual({ kind: 'connecting', attempt: 0 });
    expect(effects[2]).toEqual(['cancel-retry', 'close', 'open']);
  });

  it('pauses while hidden and resumes when visible', () => {
    const hidden = run([start, { type: 'hello', now: 0 }, { type: 'hidden' }]);
    expect(hidden.state.status).toEqual({ kind: 'paused' });
    expect(hidden.effects[2]).toEqual(['cancel-retry', 'close']);
    const shown = transition(hidden.state, { type: 'visible' }, options);
    expect(shown.state.status.kind).toBe('connecting');
  });

  it('a retry timer firing while paused does nothing', () => {
    const { state, effects } = run([
      start,
      { type: 'error', now: 0 },
      { type: 'hidden' },
      { type: 'retry-timer', now: 5 },
    ]);
    expect(state.status.kind).toBe('paused');
    expect(effects[3]).toEqual([]);
  });

  it('goes offline with the network and back when it returns', () => {
    const offline = run([start, { type: 'hello', now: 0 }, { type: 'network-offline' }]);
    expect(offline.state.status).toEqual({ kind: 'offline', reason: 'network' });
    expect(
      transition(offline.state, { type: 'network-online', visible: true }, options).state.status.kind,
    ).toBe('connecting');
    expect(
      transition(offline.state, { type: 'network-online', visible: false }, options).state.status.kind,
    ).toBe('paused');
  });

  it('stays signed out until asked to retry', () => {
    const out = run([
      start,
      { type: 'error', now: 0 },
      { type: 'signed-out' },
      { type: 'visible' },
      { type: 'network-online', visible: true },
    ]);
    expect(out.state.status).toEqual({ kind: 'offline', reason: 'signed-out' });
    expect(transition(out.state, { type: 'retry-now' }, options).state.status.kind).toBe('connecting');
  });

  it('ignores errors and hellos that arrive in the wrong state', () => {
    const paused = run([
      { ...start, visible: false },
      { type: 'error', now: 0 },
      { type: 'hello', now: 1 },
    ]);
    expect(paused.state.status).toEqual({ kind: 'paused' });
  });
});
