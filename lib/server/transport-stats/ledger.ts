import 'server-only';
import { TRANSPORTS, type Transport } from '../metrics';
import { processWide } from '../process-wide';
import { LatencyWindow } from './latency-window';

/**
 * What one transport carried, counted on its hot paths with plain numbers (prom-client's inc() costs
 * more than the rest of a small message's bookkeeping): messages with their bytes on the wire and
 * the framing part of those bytes, messages shed on purpose, and two latency windows.
 */
export class TransportLedger {
  /** Messages whose size was counted, both directions. */
  messages = 0;
  /** Their bytes on the wire, framing included. */
  bytes = 0;
  /** The part of `bytes` that is not the message itself (headers, lengths, field names, acks). */
  framing = 0;
  /** Messages left out on purpose (a reader too slow, a datagram queue full). */
  shed = 0;
  /** Server-side delivery: from the message's arrival or publish to its write to the last socket. */
  readonly delivery = new LatencyWindow();
  /** A round trip the protocol has (WebSocket ping → pong, QUIC's own RTT estimate). */
  readonly roundTrip = new LatencyWindow();

  /** `count` messages of `bytes` in all, `framing` of them protocol overhead. */
  frames(count: number, bytes: number, framing: number): void {
    this.messages += count;
    this.bytes += bytes;
    this.framing += framing;
  }
}

/** The process's ledger of one transport (shared by server.ts's bundle and the route handlers'). */
export function transportLedger(transport: Transport): TransportLedger {
  return processWide('transport-ledgers', () => {
    const ledgers = {} as Record<Transport, TransportLedger>;
    for (const t of TRANSPORTS) ledgers[t] = new TransportLedger();
    return ledgers;
  })[transport];
}
