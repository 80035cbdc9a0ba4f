import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_INDEX as I, MAX_SNAPSHOT_SAMPLES } from '../../events/metrics-frames';
import { MetricsSampler, type SamplerSources } from './sampler';
import type { TrafficTotals } from './traffic-probe';

const MB = 1024 * 1024;

function fakeSources() {
  const state = {
    now: 1_000,
    bus: 0,
    traffic: {
      connections: { sse: 2, ws: 1, mqtt: 0, webtransport: 3 },
      out: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
      in: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
    } satisfies TrafficTotals,
    memoryReads: 0,
  };
  const sources: SamplerSources = {
    traffic: async () => structuredClone(state.traffic),
    busEvents: () => state.bus,
    storeSize: async () => ({ db: 3 * MB, wal: MB }),
    memory: () => {
      state.memoryReads++;
      return { rss: 100 * MB, heapUsed: 40 * MB };
    },
    now: () => state.now,
  };
  return { state, sources };
}

describe('MetricsSampler', () => {
  let sampler: MetricsSampler | null = null;
  afterEach(() => sampler?.stop());

  it('turns registry totals into connections and per-second rates over its window', async () => {
    const { state, sources } = fakeSources();
    sampler = new MetricsSampler(sources, { windowMs: 1_000 });
    await sampler.tick();
    for (let step = 1; step <= 8; step++) {
      state.now += 250;
      state.traffic.out.webtransport += 15; // 60 per second
      state.traffic.in.ws += 1; // 4 per second
      state.bus += 5; // 20 per second
      await sampler.tick();
    }
    const values = sampler.read();
    expect(values[I.connSse]).toBe(2);
    expect(values[I.connWebtransport]).toBe(3);
    expect(values[I.outWebtransport]).toBeCloseTo(60);
    expect(values[I.inWs]).toBeCloseTo(4);
    expect(values[I.outSse]).toBe(0);
    expect(values[I.busEvents]).toBeCloseTo(20);
    expect(values[I.rss]).toBe(100);
    expect(values[I.heapUsed]).toBe(40);
    expect(values[I.storeSize]).toBe(4);
    expect(values[I.storeWal]).toBe(1);
    expect(values[I.cpu]).toBeGreaterThanOrEqual(0);
  });

  it('reads memory at most once per few ms however many sessions ask', () => {
    const { state, sources } = fakeSources();
    sampler = new MetricsSampler(sources);
    for (let i = 0; i < 50; i++) sampler.read();
    expect(state.memoryReads).toBe(1);
    state.now += 5;
    sampler.read();
    expect(state.memoryReads).toBe(2);
  });

  it('keeps a bounded history for the snapshot at connect', async () => {
    const { state, sources } = fakeSources();
    sampler = new MetricsSampler(sources);
    for (let i = 0; i < MAX_SNAPSHOT_SAMPLES + 20; i++) {
      state.now += 250;
      await sampler.tick();
    }
    const history = sampler.history();
    expect(history).toHaveLength(MAX_SNAPSHOT_SAMPLES);
    expect(history.at(-1)!.time).toBe(state.now);
    expect(history[0]!.time).toBeLessThan(history.at(-1)!.time);
  });

  it('measures real event-loop delay and CPU time when started', async () => {
    const { sources } = fakeSources();
    sampler = new MetricsSampler({ ...sources, now: () => Date.now() }, { tickMs: 50, windowMs: 200 });
    sampler.start();
    const until = Date.now() + 30;
    while (Date.now() < until); // block the loop for 30 ms
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 600));
    const values = sampler.read();
    expect(values[I.loopDelayMax]).toBeGreaterThan(10);
    expect(values[I.loopDelayP50]).toBeLessThanOrEqual(values[I.loopDelayMax]!);
    expect(values[I.cpu]).toBeGreaterThan(0);
  });
});
