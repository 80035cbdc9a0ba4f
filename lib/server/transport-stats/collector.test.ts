import { describe, expect, it } from 'vitest';
import type { TrafficTotals } from '../live-metrics/traffic-probe';
import { TransportStatsCollector } from './collector';
import { transportLedger } from './ledger';
import type { QuicTotals } from './quic-probe';

describe('TransportStatsCollector', () => {
  it('turns per-second snapshots into rates, and QUIC counters into WebTransport bytes, loss and RTT', async () => {
    const state = {
      now: 1_000_000,
      traffic: {
        connections: { sse: 1, ws: 2, mqtt: 0, webtransport: 1 },
        in: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
        out: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
      } satisfies TrafficTotals,
      quic: { sentPackets: 0, lostPackets: 0, sentBytes: 0, recvBytes: 0, rttMs: [7] } satisfies QuicTotals,
    };
    const collector = new TransportStatsCollector({
      traffic: async () => structuredClone(state.traffic),
      quic: () => ({ ...state.quic }),
      now: () => state.now,
    });
    const wt = transportLedger('webtransport');
    const start = { messages: wt.messages, bytes: wt.bytes };
    for (let second = 0; second <= 12; second++) {
      state.now = 1_000_000 + second * 1_000;
      state.traffic.out.ws = second * 40; // 40 messages a second
      state.traffic.out.webtransport = second * 10;
      wt.frames(10, 10 * 100, 0); // ten 100-byte samples a second…
      state.quic.sentPackets += 10;
      state.quic.sentBytes += 10 * 150; // …that cost QUIC 150 bytes each
      if (second === 12) state.quic.lostPackets += 2;
      await collector.tick();
    }
    state.now += 500;
    const report = await collector.report();
    const byId = Object.fromEntries(report.transports.map((f) => [f.transport, f]));
    expect(report.transports.map((f) => f.transport)).toEqual(['ws', 'sse', 'webtransport', 'mqtt']);
    // From the first snapshot inside the 10 s window (at 3 s) to now (12.5 s): 9 × 40 messages in 9.5 s.
    expect(byId.ws!.messagesPerSecond).toBeCloseTo((9 * 40) / 9.5, 5);
    expect(byId.ws!.connections).toBe(2);
    expect(byId.sse!.messagesPerSecond).toBe(0);
    expect(byId.sse!.messagesTotal).toBe(0);
    expect(wt.messages - start.messages).toBe(130);
    expect(byId.webtransport!.bytesPerMessage).toBe(150);
    expect(byId.webtransport!.framingPerMessage).toBe(50);
    expect(byId.webtransport!.loss).toMatchObject({ lost: 2, unit: 'QUIC packets' });
    expect(byId.webtransport!.roundTrip).toMatchObject({ p50: 7, p99: 7 });
    expect(byId.mqtt!.bytesPerMessage).toBeNull();
    collector.stop();
  });
});
