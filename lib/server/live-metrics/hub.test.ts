import { afterEach, describe, expect, it } from 'vitest';
import {
  ALL_METRICS_MASK,
  METRICS_ERROR,
  decodeServerFrame,
  encodeConfigure,
  encodePing,
  maskOf,
  type ServerFrame,
} from '../../events/metrics-frames';
import { MetricsHub } from './hub';
import { MetricsSampler } from './sampler';

function sampler() {
  return new MetricsSampler({
    traffic: async () => ({
      connections: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
      out: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
      in: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
    }),
    busEvents: () => 0,
    storeSize: async () => ({ db: 0, wal: 0 }),
    memory: () => ({ rss: 1, heapUsed: 1 }),
    now: () => Date.now(),
  });
}

/** A peer that records frames; `full` makes the lossy path drop, as a full socket buffer would. */
function peer() {
  const frames: ServerFrame[] = [];
  const record = (bytes: Uint8Array) => {
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    frames.push(decoded.frame);
  };
  const p = {
    frames,
    full: false,
    closed: '' as string,
    sendLossy(bytes: Uint8Array) {
      if (p.full) return false;
      record(bytes);
      return true;
    },
    sendReliable: record,
    closeForPolicy(reason: string) {
      p.closed = reason;
    },
    of<T extends ServerFrame['type']>(type: T) {
      return frames.filter((f) => f.type === type) as Extract<ServerFrame, { type: T }>[];
    },
  };
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('MetricsHub', () => {
  let hub: MetricsHub | null = null;
  afterEach(() => hub?.close());

  it('sends the hello first, then samples at the chosen rate with consecutive sequence numbers', async () => {
    hub = new MetricsHub(sampler());
    const p = peer();
    const sub = hub.add(p);
    expect(p.frames[0]!.type).toBe('hello');
    sub.receive(encodeConfigure(50, maskOf(['cpu', 'rss'])));
    expect(p.of('config')).toEqual([{ type: 'config', rate: 50, mask: maskOf(['cpu', 'rss']) }]);
    const before = p.of('sample').length;
    await sleep(1_000);
    const samples = p.of('sample').slice(before);
    // 50 Hz for a second, with slack for a busy machine.
    expect(samples.length).toBeGreaterThanOrEqual(40);
    expect(samples.length).toBeLessThanOrEqual(53);
    const seqs = samples.map((s) => s.seq);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
    expect(samples.every((s) => s.mask === maskOf(['cpu', 'rss']))).toBe(true);
  });

  it('answers pings with pongs that echo the client time', () => {
    hub = new MetricsHub(sampler());
    const p = peer();
    hub.add(p).receive(encodePing(42, 1234.5), 2000);
    expect(p.of('pong')).toEqual([{ type: 'pong', id: 42, sentAt: 1234.5, serverTime: 2000 }]);
  });

  it('drops samples rather than queueing them, and the gap shows in the sequence numbers', async () => {
    hub = new MetricsHub(sampler());
    const p = peer();
    const sub = hub.add(p);
    sub.receive(encodeConfigure(60, ALL_METRICS_MASK));
    await sleep(200);
    p.full = true;
    await sleep(200);
    p.full = false;
    await sleep(200);
    const seqs = p.of('sample').map((s) => s.seq);
    const gaps = seqs.filter((s, i) => i > 0 && s !== seqs[i - 1]! + 1);
    expect(gaps.length).toBe(1);
    expect(sub.stats.dropped).toBeGreaterThan(5);
  });

  it('answers a bad frame with an error frame, and ends the session after too many', () => {
    hub = new MetricsHub(sampler(), { strikeLimit: 3 });
    const p = peer();
    const sub = hub.add(p);
    sub.receive(encodeConfigure(0, 1));
    expect(p.of('error')[0]).toMatchObject({ code: METRICS_ERROR.badConfigure });
    sub.receive(Uint8Array.of(0xee));
    expect(p.of('error')[1]).toMatchObject({ code: METRICS_ERROR.invalidFrame });
    expect(p.closed).toBe('');
    sub.receive(new Uint8Array(0));
    expect(p.of('error')[2]).toMatchObject({ code: METRICS_ERROR.tooManyInvalid });
    expect(p.closed).toMatch(/invalid/);
    expect(sub.isClosed).toBe(true);
  });

  it('stops the timer of a rate nobody uses any more', async () => {
    hub = new MetricsHub(sampler());
    const p = peer();
    const sub = hub.add(p);
    sub.receive(encodeConfigure(20, 1));
    await sleep(150);
    hub.remove(sub);
    const count = p.of('sample').length;
    await sleep(150);
    expect(p.of('sample').length).toBe(count);
    expect(hub.size).toBe(0);
  });
});
