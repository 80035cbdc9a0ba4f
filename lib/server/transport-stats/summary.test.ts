import { describe, expect, it } from 'vitest';
import { TRANSPORT_IDS } from '../../transports/report';
import type { Transport } from '../metrics';
import { summarise, type Snapshot, type SummaryInput, type TransportCounters } from './summary';

const zero = (): TransportCounters => ({ messages: 0, sized: 0, bytes: 0, framing: 0, shed: 0 });

function snapshot(
  at: number,
  patch: Partial<Record<Transport, Partial<TransportCounters>>> = {},
  quic: Snapshot['quic'] = null,
): Snapshot {
  const counters = { sse: zero(), ws: zero(), mqtt: zero(), webtransport: zero() };
  for (const [t, c] of Object.entries(patch)) Object.assign(counters[t as Transport], c);
  return { at, counters, quic };
}

function input(now: Snapshot, history: Snapshot[], extra: Partial<SummaryInput> = {}): SummaryInput {
  const none = { delivery: null, roundTrip: null };
  return {
    now,
    history,
    connections: { sse: 0, ws: 0, mqtt: 0, webtransport: 0 },
    latency: { sse: none, ws: none, mqtt: none, webtransport: none },
    rateWindowMs: 10_000,
    windowMs: 60_000,
    ...extra,
  };
}

const byId = (figures: ReturnType<typeof summarise>, id: Transport) =>
  figures.find((f) => f.transport === id)!;

describe('summarise', () => {
  it('says nothing (null) where there was no traffic, never 0', () => {
    const figures = summarise(input(snapshot(1_000), []), TRANSPORT_IDS);
    expect(figures.map((f) => f.transport)).toEqual([...TRANSPORT_IDS]);
    for (const f of figures) {
      expect(f.messagesPerSecond).toBeNull();
      expect(f.bytesPerMessage).toBeNull();
      expect(f.framingPerMessage).toBeNull();
    }
  });

  it('takes the rate over the short window and sizes over the long one', () => {
    const history = [
      snapshot(0, { ws: { messages: 0, sized: 0, bytes: 0, framing: 0 } }),
      snapshot(50_000, { ws: { messages: 100, sized: 100, bytes: 10_000, framing: 400 } }),
      snapshot(55_000, { ws: { messages: 150, sized: 150, bytes: 15_000, framing: 600 } }),
    ];
    const now = snapshot(60_000, { ws: { messages: 250, sized: 200, bytes: 21_000, framing: 800, shed: 3 } });
    const ws = byId(
      summarise(
        input(now, history, { connections: { sse: 0, ws: 2.0000001, mqtt: 0, webtransport: 0 } }),
        TRANSPORT_IDS,
      ),
      'ws',
    );
    // From the snapshot at 50 s: 150 messages in 10 s.
    expect(ws.messagesPerSecond).toBe(15);
    expect(ws.messagesInWindow).toBe(250);
    expect(ws.bytesPerMessage).toBe(105);
    expect(ws.framingPerMessage).toBe(4);
    expect(ws.shed).toBe(3);
    expect(ws.connections).toBe(2);
    expect(ws.loss).toBeNull();
  });

  it('counts a transport that went quiet as quiet in the window, not as its old traffic', () => {
    const history = [snapshot(0, { sse: { messages: 10, sized: 10, bytes: 1_000, framing: 300 } })];
    const later = snapshot(120_000, { sse: { messages: 10, sized: 10, bytes: 1_000, framing: 300 } });
    const sse = byId(
      summarise(
        input(later, [
          ...history,
          snapshot(61_000, { sse: { messages: 10, sized: 10, bytes: 1_000, framing: 300 } }),
        ]),
        TRANSPORT_IDS,
      ),
      'sse',
    );
    expect(sse.messagesInWindow).toBe(0);
    expect(sse.messagesTotal).toBe(10);
    expect(sse.bytesPerMessage).toBeNull();
  });

  it("takes WebTransport's bytes from QUIC's counters and its loss from QUIC's lost packets", () => {
    const history = [snapshot(0, {}, { sentPackets: 0, lostPackets: 0, bytes: 0 })];
    const now = snapshot(
      10_000,
      { webtransport: { messages: 100, sized: 100, bytes: 9_000, framing: 0 } },
      { sentPackets: 120, lostPackets: 3, bytes: 15_000 },
    );
    const wt = byId(summarise(input(now, history), TRANSPORT_IDS), 'webtransport');
    expect(wt.bytesPerMessage).toBe(150);
    expect(wt.framingPerMessage).toBe(60);
    expect(wt.loss).toEqual({ lost: 3, sent: 120, unit: 'QUIC packets' });
  });

  it('says where WebTransport figures are missing when the listener does not run', () => {
    const now = snapshot(10_000, { webtransport: { messages: 4, sized: 4, bytes: 400 } });
    const wt = byId(summarise(input(now, [snapshot(0)]), TRANSPORT_IDS), 'webtransport');
    expect(wt.loss).toBeNull();
    expect(wt.bytesSource).toMatch(/not running/);
    expect(wt.bytesPerMessage).toBe(100);
  });
});
