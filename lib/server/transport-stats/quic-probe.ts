import 'server-only';
import { processWide } from '../process-wide';

/** QUIC's own counters over every connection of the WebTransport listener since it started. */
export interface QuicTotals {
  /** QUIC packets sent, and those of them quiche declared lost (RFC 9002 §6). */
  sentPackets: number;
  lostPackets: number;
  /** UDP payload bytes sent and received: QUIC headers, frames, acknowledgements and encryption included. */
  sentBytes: number;
  recvBytes: number;
  /** quiche's smoothed round-trip estimate of each open connection, whole milliseconds. */
  rttMs: number[];
}

const holder = () =>
  processWide('transport-stats.quic', () => ({ probe: null as (() => QuicTotals) | null }));

/** Called by the live metrics service once its listener is up (null when it stops). */
export function registerQuicProbe(probe: (() => QuicTotals) | null): void {
  holder().probe = probe;
}

/** The listener's counters now, or null when no WebTransport listener runs. */
export function readQuic(): QuicTotals | null {
  const probe = holder().probe;
  if (!probe) return null;
  try {
    return probe();
  } catch (error) {
    console.error('[transports] reading QUIC statistics failed:', error);
    return null;
  }
}
