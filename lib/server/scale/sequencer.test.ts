import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { DurableSequencer } from './sequencer';

const durable = (id: number): AnyEnvelope =>
  ({ id, stream: 'deploys', type: 'deploy-progress', ts: id, data: { id } }) as unknown as AnyEnvelope;
const lossy = (n: number): AnyEnvelope =>
  ({ id: null, stream: 'metrics', type: 'metrics-sample', ts: n, data: { n } }) as unknown as AnyEnvelope;

function setup(start: number, store: AnyEnvelope[] = []) {
  const out: (number | null)[] = [];
  let now = 0;
  const sequencer = new DurableSequencer(
    start,
    (events) => out.push(...events.map((e) => e.id)),
    (afterId, limit) => store.filter((e) => (e.id ?? 0) > afterId).slice(0, limit),
    { gapMs: 50, maxHoldMs: 200, maxPending: 100 },
    () => now,
  );
  return { sequencer, out, store, advance: (ms: number) => (now += ms) };
}

afterEach(() => vi.useRealTimers());

describe('DurableSequencer', () => {
  it('hands on in id order whatever the arrival order, with no duplicate', () => {
    const { sequencer, out } = setup(10);
    sequencer.accept([durable(12)]);
    sequencer.accept([durable(13), lossy(1)]);
    expect(out).toEqual([null]);
    sequencer.accept([durable(11)]);
    sequencer.accept([durable(12), durable(9)]);
    expect(out).toEqual([null, 11, 12, 13]);
    expect(sequencer.lastDelivered).toBe(13);
    sequencer.stop();
  });

  it('fills a hole from the store when Redis never brings the event', () => {
    vi.useFakeTimers();
    const store = [durable(11), durable(12), durable(13), durable(14)];
    const { sequencer, out } = setup(10, store);
    sequencer.accept([durable(13)]);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(60);
    // 11 and 12 come from the store, 13 from what was held, 14 is in the store too.
    expect(out).toEqual([11, 12, 13, 14]);
    expect(sequencer.caughtUp).toBe(3);
    sequencer.accept([durable(14)]);
    expect(out).toEqual([11, 12, 13, 14]);
    sequencer.stop();
  });

  it('skips an id the store does not hold once it has waited long enough', () => {
    vi.useFakeTimers();
    const { sequencer, out, advance } = setup(10, [durable(12)]);
    sequencer.accept([durable(12)]);
    vi.advanceTimersByTime(60);
    expect(out).toEqual([12]);
    // The store held 12 (after the hole 11): read in order, 11 is absent there, so 12 goes on.
    sequencer.accept([durable(14)]);
    advance(60);
    vi.advanceTimersByTime(60);
    expect(out).toEqual([12]);
    advance(300);
    vi.advanceTimersByTime(60);
    expect(out).toEqual([12, 14]);
    expect(sequencer.skipped).toBe(1);
    sequencer.stop();
  });

  it('catches up when the store is ahead and nothing waits (frames lost while Redis was away)', () => {
    const { sequencer, out } = setup(5, [durable(6), durable(7)]);
    sequencer.tick(7);
    expect(out).toEqual([6, 7]);
    sequencer.tick(7);
    expect(out).toEqual([6, 7]);
    sequencer.stop();
  });
});
