import 'server-only';
import { TRANSPORT_IDS, type TransportsReport } from '../../transports/report';
import { TRANSPORTS, type Transport } from '../metrics';
import type { TrafficTotals } from '../live-metrics/traffic-probe';
import { transportLedger } from './ledger';
import type { QuicTotals } from './quic-probe';
import { summarise, type Snapshot, type TransportCounters } from './summary';

export interface CollectorSources {
  traffic(): Promise<TrafficTotals>;
  quic(): QuicTotals | null;
  now(): number;
}

export interface CollectorOptions {
  tickMs: number;
  /** Messages per second are averaged over this window. */
  rateWindowMs: number;
  /** Sizes, latency, loss and shed messages are taken over this one. */
  windowMs: number;
}

export const DEFAULT_COLLECTOR_OPTIONS: CollectorOptions = {
  tickMs: 1_000,
  rateWindowMs: 10_000,
  windowMs: 60_000,
};

/**
 * Keeps a minute of per-second snapshots of every transport's counters (a bounded ring) so the
 * Transports page can show rates and per-message figures over recent windows; also feeds QUIC's
 * round-trip estimate of each open WebTransport connection into that transport's latency window.
 */
export class TransportStatsCollector {
  private readonly options: CollectorOptions;
  private readonly history: Snapshot[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly sources: CollectorSources,
    options: Partial<CollectorOptions> = {},
  ) {
    this.options = { ...DEFAULT_COLLECTOR_OPTIONS, ...options };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One snapshot into the ring; exposed for tests. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const { snapshot, rttMs } = await this.snapshot();
      // One round-trip sample per open connection per tick (the estimate is QUIC's, not a message's).
      const rtt = transportLedger('webtransport').roundTrip;
      for (const ms of rttMs) rtt.record(ms, snapshot.at);
      this.history.push(snapshot);
      const keep = Math.ceil(this.options.windowMs / this.options.tickMs) + 2;
      while (this.history.length > keep) this.history.shift();
    } catch (error) {
      console.error('[transports] sampling failed:', error);
    } finally {
      this.ticking = false;
    }
  }

  /** The figures now, over the collector's windows. */
  async report(): Promise<TransportsReport> {
    const { snapshot, traffic } = await this.snapshot();
    const latency = {} as Record<
      Transport,
      { delivery: ReturnType<typeof pick>; roundTrip: ReturnType<typeof pick> }
    >;
    for (const t of TRANSPORTS) {
      const ledger = transportLedger(t);
      latency[t] = {
        delivery: pick(ledger.delivery.percentiles(snapshot.at, this.options.windowMs), DELIVERY[t]),
        roundTrip: pick(ledger.roundTrip.percentiles(snapshot.at, this.options.windowMs), ROUND_TRIP[t]),
      };
    }
    return {
      ok: true,
      at: snapshot.at,
      rateWindowSeconds: this.options.rateWindowMs / 1000,
      windowSeconds: this.options.windowMs / 1000,
      transports: summarise(
        {
          now: snapshot,
          history: this.history,
          connections: traffic.connections,
          latency,
          rateWindowMs: this.options.rateWindowMs,
          windowMs: this.options.windowMs,
        },
        TRANSPORT_IDS,
      ),
    };
  }

  private async snapshot(): Promise<{ snapshot: Snapshot; traffic: TrafficTotals; rttMs: number[] }> {
    const traffic = await this.sources.traffic();
    const quic = this.sources.quic();
    const at = this.sources.now();
    const counters = {} as Record<Transport, TransportCounters>;
    for (const t of TRANSPORTS) {
      const ledger = transportLedger(t);
      counters[t] = {
        messages: traffic.in[t] + traffic.out[t],
        sized: ledger.messages,
        bytes: ledger.bytes,
        framing: ledger.framing,
        shed: ledger.shed,
      };
    }
    const snapshot: Snapshot = {
      at,
      counters,
      quic: quic && {
        sentPackets: quic.sentPackets,
        lostPackets: quic.lostPackets,
        bytes: quic.sentBytes + quic.recvBytes,
      },
    };
    return { snapshot, traffic, rttMs: quic?.rttMs ?? [] };
  }
}

/** What each latency window times, and the step of its clock (ms; 0: sub-millisecond). */
const DELIVERY: Record<Transport, Timed> = {
  // An event's `ts` is Date.now() at publish: whole milliseconds.
  sse: { what: 'event published → written to every stream', resolutionMs: 1 },
  ws: { what: 'chat message received → written to every member', resolutionMs: 0 },
  mqtt: { what: 'PUBLISH received → written to every subscriber', resolutionMs: 0 },
  webtransport: { what: 'not timed: a sample is made when it is sent', resolutionMs: 0 },
};
const ROUND_TRIP: Record<Transport, Timed> = {
  sse: { what: 'none: SSE has no acknowledgement', resolutionMs: 0 },
  ws: { what: 'WebSocket ping → pong', resolutionMs: 0 },
  mqtt: { what: 'not timed by the broker', resolutionMs: 0 },
  webtransport: { what: "QUIC's smoothed RTT estimate", resolutionMs: 1 },
};

interface Timed {
  what: string;
  resolutionMs: number;
}

function pick(p: { p50: number; p99: number; samples: number } | null, timed: Timed) {
  return p && { ...p, ...timed };
}
