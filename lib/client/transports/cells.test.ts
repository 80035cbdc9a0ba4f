import { describe, expect, it } from 'vitest';
import type { TransportFigures, TransportsReport } from '../../transports/report';
import {
  NO_TRAFFIC,
  bytesCell,
  deliveryCell,
  formatMs,
  glance,
  lossCell,
  rateCell,
  roundTripCell,
} from './cells';

function figures(patch: Partial<TransportFigures> = {}): TransportFigures {
  return {
    transport: 'ws',
    connections: 0,
    messagesPerSecond: 0,
    messagesInWindow: 0,
    messagesTotal: 0,
    bytesPerMessage: null,
    framingPerMessage: null,
    bytesSource: '',
    delivery: null,
    roundTrip: null,
    loss: null,
    shed: 0,
    ...patch,
  };
}

describe('measured cells', () => {
  it('say "no traffic yet" rather than 0 when nothing was ever carried', () => {
    const f = figures();
    expect(rateCell(f)).toEqual({ text: NO_TRAFFIC, measured: false });
    expect(bytesCell(f, 60).text).toBe(NO_TRAFFIC);
    expect(deliveryCell(f, 60).text).toBe(NO_TRAFFIC);
    expect(roundTripCell(f, 60).text).toBe(NO_TRAFFIC);
    expect(lossCell(f, 60).text).toBe(NO_TRAFFIC);
  });

  it('tell a quiet minute from no traffic at all', () => {
    const f = figures({ messagesTotal: 12 });
    expect(bytesCell(f, 60).text).toBe('no traffic in the last minute');
    expect(rateCell(f).text).toBe('0.0 msg/s');
  });

  it('tell traffic that was not timed from no traffic', () => {
    const f = figures({ messagesTotal: 12, messagesInWindow: 12 });
    expect(deliveryCell(f, 60).text).toBe('nothing timed in the last minute');
  });

  it('show sizes with the framing share', () => {
    const cell = bytesCell(figures({ messagesTotal: 5, bytesPerMessage: 120, framingPerMessage: 6 }), 60);
    expect(cell).toEqual({ text: '120 B per message', detail: '6.0 B of it framing (5 %)', measured: true });
  });

  it('show percentiles with what was timed', () => {
    const f = figures({
      messagesTotal: 5,
      delivery: { p50: 0.42, p99: 12.3, samples: 80, what: 'x → y', resolutionMs: 0 },
    });
    expect(deliveryCell(f, 60)).toEqual({
      text: 'p50 0.42 ms · p99 12 ms',
      detail: 'x → y (80 timed)',
      measured: true,
    });
  });

  it('say where a protocol has no round trip or the server cannot time it', () => {
    expect(roundTripCell(figures({ transport: 'sse', messagesTotal: 9 }), 60).text).toBe('none');
    expect(roundTripCell(figures({ transport: 'mqtt', messagesTotal: 9 }), 60).text).toBe('not timed');
    expect(deliveryCell(figures({ transport: 'webtransport', messagesTotal: 9 }), 60).text).toBe('not timed');
    expect(roundTripCell(figures({ connections: 1, messagesTotal: 3 }), 60).text).toBe(
      'waiting for a round trip',
    );
  });

  it('give loss for lossy transports and shed messages for all', () => {
    expect(lossCell(figures({ shed: 4, messagesTotal: 50 }), 60)).toEqual({
      text: 'none: lost packets are resent',
      detail: '4 shed on purpose (slow reader or full queue)',
      measured: true,
    });
    const wt = figures({
      transport: 'webtransport',
      messagesTotal: 10,
      loss: { lost: 3, sent: 200, unit: 'QUIC packets' },
    });
    expect(lossCell(wt, 60)).toMatchObject({ text: '1.5 % lost', detail: '3 of 200 QUIC packets' });
    const idle = figures({ transport: 'webtransport', loss: { lost: 0, sent: 0, unit: 'QUIC packets' } });
    expect(lossCell(idle, 60).text).toBe(NO_TRAFFIC);
  });
});

describe('formatMs', () => {
  it('keeps the precision a reader can use', () => {
    expect(formatMs(0)).toBe('< 0.01 ms');
    expect(formatMs(0.256)).toBe('0.26 ms');
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
  });

  it('claims no more precision than a whole-millisecond clock had', () => {
    expect(formatMs(0, 1)).toBe('< 1 ms');
    expect(formatMs(3, 1)).toBe('3 ms');
  });
});

describe('glance', () => {
  const report = (transports: TransportFigures[]): TransportsReport => ({
    ok: true,
    at: 0,
    rateWindowSeconds: 10,
    windowSeconds: 60,
    transports,
  });

  it('names the transports carrying traffic, with connections and rate in all', () => {
    const text = glance(
      report([
        figures({ transport: 'ws', connections: 2, messagesInWindow: 5, messagesPerSecond: 1.5 }),
        figures({ transport: 'sse', connections: 1, messagesInWindow: 9, messagesPerSecond: 2 }),
        figures({ transport: 'mqtt' }),
        figures({ transport: 'webtransport' }),
      ]),
    );
    expect(text).toBe(
      '2 of 4 transports carrying traffic (WebSocket, Server-Sent Events) · 3 connections · 3.5 msg/s',
    );
  });

  it('says when nothing moves', () => {
    expect(glance(report([figures({ connections: 1 })]))).toBe(
      'No transport carried traffic in the last minute · 1 connection · 0.0 msg/s',
    );
  });
});
