import { describe, expect, it } from 'vitest';
import {
  ALL_METRICS_MASK,
  METRIC_COUNT,
  METRIC_DEFS,
  METRIC_INDEX,
  MAX_SNAPSHOT_SAMPLES,
  StreamFrameReader,
  decodeClientFrame,
  decodeServerFrame,
  encodeConfig,
  encodeConfigure,
  encodeError,
  encodeHello,
  encodePing,
  encodePong,
  encodeSample,
  encodeStreamFrame,
  maskHas,
  maskOf,
} from './metrics-frames';

const values = () => Float64Array.from({ length: METRIC_COUNT }, (_, i) => i * 1.5);

describe('metrics frames', () => {
  it('round-trips a full sample in 17 + 4 bytes per metric, big-endian', () => {
    const bytes = encodeSample(7, 1_700_000_000_123.5, ALL_METRICS_MASK, values());
    expect(bytes.length).toBe(17 + 4 * METRIC_COUNT);
    expect(bytes.length).toBeLessThan(1_199);
    expect([...bytes.subarray(0, 5)]).toEqual([0x01, 0, 0, 0, 7]);
    const decoded = decodeServerFrame(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || decoded.frame.type !== 'sample') throw new Error('not a sample');
    expect(decoded.frame.seq).toBe(7);
    expect(decoded.frame.time).toBe(1_700_000_000_123.5);
    expect([...decoded.frame.values]).toEqual([...values()]);
  });

  it('carries only the metrics in the mask; the others decode as NaN', () => {
    const mask = maskOf(['cpu', 'rss', 'outWebtransport']);
    const bytes = encodeSample(1, 0, mask, values());
    expect(bytes.length).toBe(17 + 12);
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok || decoded.frame.type !== 'sample') throw new Error('not a sample');
    expect(decoded.frame.values[METRIC_INDEX.rss]).toBe(values()[METRIC_INDEX.rss]);
    expect(decoded.frame.values[METRIC_INDEX.heapUsed]).toBeNaN();
    expect(maskHas(mask, METRIC_INDEX.outWebtransport)).toBe(true);
    expect(maskHas(mask, METRIC_INDEX.inWebtransport)).toBe(false);
  });

  it('wraps the sequence number at 2^32', () => {
    const decoded = decodeServerFrame(encodeSample(2 ** 32 + 5, 0, 1, [1]));
    expect(decoded.ok && decoded.frame.type === 'sample' && decoded.frame.seq).toBe(5);
  });

  it('round-trips a hello with metric names and a snapshot', () => {
    const snapshot = [1, 2, 3].map((seq) => encodeSample(seq, seq * 100, ALL_METRICS_MASK, values()));
    const metrics = METRIC_DEFS.map((d, id) => ({ id, ...d }));
    const bytes = encodeHello({ version: 1, rate: 30, mask: 5, serverVersion: '0.1.0', metrics }, snapshot);
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok || decoded.frame.type !== 'hello') throw new Error(JSON.stringify(decoded));
    expect(decoded.frame.rate).toBe(30);
    expect(decoded.frame.mask).toBe(5);
    expect(decoded.frame.serverVersion).toBe('0.1.0');
    expect(decoded.frame.metrics).toEqual(metrics);
    expect(decoded.frame.snapshot.map((s) => s.seq)).toEqual([1, 2, 3]);
  });

  it('keeps only the newest samples of a long snapshot', () => {
    const snapshot = Array.from({ length: MAX_SNAPSHOT_SAMPLES + 10 }, (_, i) => encodeSample(i, 0, 1, [0]));
    const decoded = decodeServerFrame(
      encodeHello({ version: 1, rate: 1, mask: 1, serverVersion: 'x', metrics: [] }, snapshot),
    );
    if (!decoded.ok || decoded.frame.type !== 'hello') throw new Error('not a hello');
    expect(decoded.frame.snapshot).toHaveLength(MAX_SNAPSHOT_SAMPLES);
    expect(decoded.frame.snapshot[0]!.seq).toBe(10);
  });

  it('round-trips ping, pong, configure, config and error', () => {
    expect(decodeClientFrame(encodePing(9, 123.25))).toEqual({
      ok: true,
      frame: { type: 'ping', id: 9, sentAt: 123.25 },
    });
    expect(decodeServerFrame(encodePong(9, 123.25, 456))).toEqual({
      ok: true,
      frame: { type: 'pong', id: 9, sentAt: 123.25, serverTime: 456 },
    });
    expect(decodeClientFrame(encodeConfigure(60, 3))).toEqual({
      ok: true,
      frame: { type: 'configure', rate: 60, mask: 3 },
    });
    expect(decodeServerFrame(encodeConfig(1, 3))).toEqual({
      ok: true,
      frame: { type: 'config', rate: 1, mask: 3 },
    });
    expect(decodeServerFrame(encodeError(3, 'too many ✗'))).toEqual({
      ok: true,
      frame: { type: 'error', code: 3, reason: 'too many ✗' },
    });
  });

  it('refuses rates outside 1–60 Hz and empty or unknown metric sets', () => {
    expect(decodeClientFrame(encodeConfigure(0, 1)).ok).toBe(false);
    expect(decodeClientFrame(encodeConfigure(61, 1)).ok).toBe(false);
    expect(decodeClientFrame(encodeConfigure(10, 0)).ok).toBe(false);
    expect(decodeClientFrame(encodeConfigure(10, ALL_METRICS_MASK + 1)).ok).toBe(false);
  });

  it('refuses empty, truncated, padded, unknown and oversized frames without throwing', () => {
    const ping = encodePing(1, 2);
    const bad = [
      new Uint8Array(0),
      ping.subarray(0, 12),
      Uint8Array.of(...ping, 0),
      Uint8Array.of(0x99, 1, 2),
      new Uint8Array(70_000),
      encodeSample(1, 0, 1, [1]), // a server frame sent by a client
    ];
    for (const bytes of bad) expect(decodeClientFrame(bytes).ok).toBe(false);
    expect(decodeServerFrame(encodePing(1, 2)).ok).toBe(false);
    expect(decodeServerFrame(encodeSample(1, NaN, 1, [1])).ok).toBe(false);
    // A hello whose snapshot holds something else, and one with broken UTF-8 in a name.
    const hello = encodeHello({ version: 1, rate: 1, mask: 1, serverVersion: 'v', metrics: [] }, [ping]);
    expect(decodeServerFrame(hello).ok).toBe(false);
    const broken = encodeHello({ version: 1, rate: 1, mask: 1, serverVersion: 'é', metrics: [] }, []);
    broken[8] = 0xff;
    expect(decodeServerFrame(broken).ok).toBe(false);
    const future = encodeHello({ version: 2, rate: 1, mask: 1, serverVersion: 'v', metrics: [] }, []);
    expect(decodeServerFrame(future)).toEqual({ ok: false, error: 'unsupported protocol version 2' });
  });

  it('splits a stream into frames whatever the chunking', () => {
    const frames = [encodeConfigure(5, 1), encodePing(1, 1), new Uint8Array(300).fill(7)];
    const stream = Uint8Array.from(frames.flatMap((f) => [...encodeStreamFrame(f)]));
    for (const size of [1, 2, 3, 7, stream.length]) {
      const reader = new StreamFrameReader();
      const out: Uint8Array[] = [];
      for (let at = 0; at < stream.length; at += size)
        out.push(...reader.push(stream.subarray(at, at + size)));
      expect(out.map((f) => [...f])).toEqual(frames.map((f) => [...f]));
      expect(reader.buffered).toBe(0);
    }
    const cut = new StreamFrameReader();
    cut.push(encodeStreamFrame(encodePing(1, 1)).subarray(0, 5));
    expect(cut.buffered).toBe(5);
  });
});
