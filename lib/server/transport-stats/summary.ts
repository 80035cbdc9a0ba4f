import type { Percentiles, TransportFigures, TransportId } from '../../transports/report';
import type { Transport } from '../metrics';

/** Cumulative counters of one transport at one moment. */
export interface TransportCounters {
  /** Messages both ways, as `signalboard_messages_total` has them. */
  messages: number;
  /** The ledger: messages whose size was counted, their bytes and framing, messages shed. */
  sized: number;
  bytes: number;
  framing: number;
  shed: number;
}

export interface Snapshot {
  at: number;
  counters: Record<Transport, TransportCounters>;
  /** The WebTransport listener's QUIC counters; null when it does not run. */
  quic: { sentPackets: number; lostPackets: number; bytes: number } | null;
}

export interface SummaryInput {
  now: Snapshot;
  /** Earlier snapshots, oldest first. */
  history: readonly Snapshot[];
  connections: Record<Transport, number>;
  latency: Record<Transport, { delivery: Percentiles | null; roundTrip: Percentiles | null }>;
  rateWindowMs: number;
  windowMs: number;
}

const BYTES_SOURCE: Record<Transport, string> = {
  sse: 'SSE frames as written (id, event and data fields) plus HTTP/1.1 chunk headers',
  ws: 'WebSocket frame headers (2–10 bytes, +4 mask from browsers) plus payload',
  mqtt: 'MQTT PUBLISH packets (fixed header, topic, packet id) plus PUBACK/PUBREC… for QoS 1/2',
  webtransport: "QUIC's own byte counters: packet headers, DATAGRAM frames, acknowledgements, encryption",
};

/** The oldest snapshot taken at or after `since`, if it is not `now` itself. */
function baseline(history: readonly Snapshot[], since: number): Snapshot | null {
  for (const snapshot of history) if (snapshot.at >= since) return snapshot;
  return null;
}

/**
 * Turns cumulative counters into the figures the page shows: a rate over the short window, and per
 * message sizes, shed counts and loss over the longer one. A figure without traffic behind it is
 * null, never 0.
 */
export function summarise(input: SummaryInput, order: readonly TransportId[]): TransportFigures[] {
  const { now, history } = input;
  const rateBase = baseline(history, now.at - input.rateWindowMs);
  const windowBase = baseline(history, now.at - input.windowMs) ?? history[0] ?? null;
  return order.map((transport) => {
    const current = now.counters[transport];
    const base = windowBase?.counters[transport];
    const rateFrom = rateBase?.counters[transport];
    const seconds = rateBase ? (now.at - rateBase.at) / 1000 : 0;
    const messagesPerSecond =
      rateFrom && seconds > 0 ? Math.max(0, current.messages - rateFrom.messages) / seconds : null;
    const messagesInWindow = Math.max(0, current.messages - (base?.messages ?? 0));
    const sized = current.sized - (base?.sized ?? 0);
    let bytes = current.bytes - (base?.bytes ?? 0);
    let framing = current.framing - (base?.framing ?? 0);
    let loss: TransportFigures['loss'] = null;
    let bytesSource = BYTES_SOURCE[transport];
    if (transport === 'webtransport') {
      // The session counts payload bytes; QUIC counts everything that went over UDP for them.
      if (now.quic) {
        const quicBase = windowBase?.quic ?? { sentPackets: 0, lostPackets: 0, bytes: 0 };
        const wire = now.quic.bytes - quicBase.bytes;
        framing = Math.max(0, wire - bytes);
        bytes = Math.max(wire, bytes);
        loss = {
          lost: now.quic.lostPackets - quicBase.lostPackets,
          sent: now.quic.sentPackets - quicBase.sentPackets,
          unit: 'QUIC packets',
        };
      } else {
        bytesSource = 'the WebTransport listener is not running';
      }
    }
    return {
      transport,
      connections: Math.max(0, Math.round(input.connections[transport])),
      messagesPerSecond,
      messagesInWindow: Math.round(messagesInWindow),
      messagesTotal: Math.round(current.messages),
      bytesPerMessage: sized > 0 ? bytes / sized : null,
      framingPerMessage: sized > 0 ? framing / sized : null,
      bytesSource,
      delivery: input.latency[transport].delivery,
      roundTrip: input.latency[transport].roundTrip,
      loss,
      shed: Math.max(0, current.shed - (base?.shed ?? 0)),
    };
  });
}
