import 'server-only';
import client from 'prom-client';
import { encodeSse, type StreamName } from '../../events';
import { getMetrics } from '../metrics';
import { processWide } from '../process-wide';

/** The SSE event that tells a client some events of a stream were left out, and which. */
export const DROPPED_EVENT = 'dropped';

/**
 * Why events were left out: `slow` (the connection's send buffer was over its soft bound), `rate`
 * (over the connection's per-stream rate) or `gap` (a resume point too far back to replay in full).
 */
export type DropReason = 'slow' | 'rate' | 'gap';

/** A per-connection, per-stream delivery rate: events per second, with bursts up to `burst`. */
export interface StreamLimit {
  perSecond: number;
  burst?: number;
}

/** Classic token bucket: `take` spends one token, refilled at `perSecond` up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;

  constructor(
    private readonly perSecond: number,
    burst: number | undefined,
    now: number,
  ) {
    this.burst = Math.max(1, burst ?? perSecond);
    this.tokens = this.burst;
    this.last = now;
  }

  take(now: number): boolean {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Tally {
  count: number;
  fromId: number | null;
  toId: number | null;
  reasons: Set<DropReason>;
}

/**
 * What one connection has not been sent, per stream, until it is told. The notice is a `dropped`
 * event `{ stream, count, fromId, toId, reasons }`: the client can show it and fetch the span from
 * the stream's history API.
 */
export class DropLedger {
  private readonly tallies = new Map<StreamName, Tally>();

  get pending(): boolean {
    return this.tallies.size > 0;
  }

  /** One event (or `count` events ending at `id`) left out. */
  record(stream: StreamName, id: number | null, reason: DropReason, count = 1): void {
    const tally = this.tally(stream);
    tally.count += count;
    if (id !== null) {
      tally.fromId ??= id;
      tally.toId = id;
    }
    tally.reasons.add(reason);
  }

  /** A span of ids left out whose size is not known (a replay gap). */
  recordSpan(stream: StreamName, fromId: number, toId: number, reason: DropReason): void {
    const tally = this.tally(stream);
    tally.fromId = tally.fromId === null ? fromId : Math.min(tally.fromId, fromId);
    tally.toId = tally.toId === null ? toId : Math.max(tally.toId, toId);
    tally.reasons.add(reason);
  }

  /** The notices owed, encoded, and a clean slate; null when there is nothing to tell. */
  take(): Buffer | null {
    if (this.tallies.size === 0) return null;
    let out = '';
    for (const [stream, tally] of this.tallies) {
      out += encodeSse({
        event: DROPPED_EVENT,
        data: JSON.stringify({
          stream,
          count: tally.count,
          fromId: tally.fromId,
          toId: tally.toId,
          reasons: [...tally.reasons],
        }),
      });
    }
    this.tallies.clear();
    return Buffer.from(out);
  }

  private tally(stream: StreamName): Tally {
    let tally = this.tallies.get(stream);
    if (!tally)
      this.tallies.set(stream, (tally = { count: 0, fromId: null, toId: null, reasons: new Set() }));
    return tally;
  }
}

type DropCounter = client.Counter<'stream' | 'reason'>;
const boundCounters = new Map<string, client.Counter.Internal>();

/** Counts events left out, by stream and reason: `signalboard_sse_dropped_total{stream,reason}`. */
export function countDropped(stream: StreamName, reason: DropReason, count = 1): void {
  const key = `${stream}:${reason}`;
  let bound = boundCounters.get(key);
  if (!bound) {
    const counter = processWide<DropCounter>(
      'sse-dropped-counter',
      () =>
        new client.Counter({
          name: 'signalboard_sse_dropped_total',
          help: 'Events left out of SSE connections (slow reader, over its rate, replay gap), by stream and reason.',
          labelNames: ['stream', 'reason'] as const,
          registers: [getMetrics().registry],
        }),
    );
    bound = counter.labels(stream, reason);
    boundCounters.set(key, bound);
  }
  bound.inc(count);
}
