import 'server-only';
import {
  eventDataSchemas,
  isDurable,
  streamOf,
  type AnyEnvelope,
  type Envelope,
  type EventData,
  type EventType,
  type StreamName,
} from '../events';
import type { Db } from './store';
import { getDb } from './store';
import { processWide } from './process-wide';

export type BusListener = (event: AnyEnvelope) => void;
/** Receives events in the groups they were published in (one for `publish`, many for `deliver`). */
export type BatchListener = (events: readonly AnyEnvelope[]) => void;

/** Durable events of a stream that skipped the resume point's replay, so the client can say so. */
export interface ReplayGap {
  stream: StreamName;
  /** First and last id of the span left out (inclusive). */
  fromId: number;
  toId: number;
}

export interface ReplayPage {
  events: AnyEnvelope[];
  gaps: ReplayGap[];
}

/**
 * Serves the replay of a stream whose owner stores its events in its own table (log lines): events
 * with an id above `afterId`, oldest first, at most `limit`. `hint` is whatever the connection's
 * filter carries (see StreamFilter.replayHint), so the owner can filter in SQL.
 */
export type ReplaySource = (afterId: number, limit: number, hint: unknown) => ReplayPage;

/**
 * Takes over delivery when several instances share the store (lib/server/scale/redis-bus.ts): it
 * receives every event published in this process, sends it to the other instances, and hands the
 * subscribers this process's and the others' events through `dispatch`, durable ones in id order.
 */
export interface BusRelay {
  local(events: readonly AnyEnvelope[]): void;
}

interface EventRow {
  id: number;
  stream: string;
  type: string;
  ts: number;
  data: string;
}

/**
 * The typed event bus. Every event is validated against its schema before it goes anywhere; durable
 * events are written to SQLite first, which gives them their monotonically increasing id, then handed
 * to subscribers synchronously in publish order.
 */
export class EventBus {
  private readonly listeners = new Set<BusListener>();
  private readonly batchListeners = new Set<BatchListener>();
  private readonly localListeners = new Set<BusListener>();
  private relay: BusRelay | null = null;
  private readonly sources = new Map<StreamName, ReplaySource>();
  private readonly sinks = new Map<EventType, (data: unknown) => number>();
  private readonly insert;
  private readonly lastIdQuery;
  private readonly reserveQuery;
  private readonly seedSequence;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, string, number, string]>(
      'INSERT INTO events (stream, type, ts, data) VALUES (?, ?, ?, ?)',
    );
    this.lastIdQuery = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck();
    this.reserveQuery = db
      .prepare<[number]>("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'events' RETURNING seq")
      .pluck();
    // SQLite adds the sequence row on the first INSERT into events; ids may be reserved before that.
    this.seedSequence = db.prepare(
      `INSERT INTO sqlite_sequence (name, seq) SELECT 'events', COALESCE((SELECT MAX(id) FROM events), 0)
       WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events')`,
    );
  }

  /** Validates and publishes one event; throws if the data does not match its schema (a bug in the producer). */
  publish<T extends EventType>(type: T, data: EventData<T>): Envelope<T> {
    const parsed = eventDataSchemas[type].parse(data) as EventData<T>;
    const stream = streamOf(type);
    const ts = Date.now();
    let id: number | null = null;
    if (isDurable(type)) {
      const sink = this.sinks.get(type);
      id = sink
        ? sink(parsed)
        : Number(this.insert.run(stream, type, ts, JSON.stringify(parsed)).lastInsertRowid);
    }
    const event = { id, stream, type, ts, data: parsed } as Envelope<T>;
    this.emitLocal([event as unknown as AnyEnvelope]);
    return event;
  }

  /**
   * Takes `count` consecutive ids from the durable sequence for events stored elsewhere than the
   * events table (log lines, which come in thousands per second and have their own retention), and
   * returns the first. Call it inside the transaction that stores them: ids stay unique and in
   * publish order across every stream, so one Last-Event-ID is still a client's whole resume point.
   */
  reserveIds(count: number): number {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    let last = this.reserveQuery.get(count) as number | undefined;
    if (last === undefined) {
      this.seedSequence.run();
      last = this.reserveQuery.get(count) as number | undefined;
    }
    if (last === undefined) throw new Error('the events sequence is missing (migration 1 not applied?)');
    return Number(last) - count + 1;
  }

  /**
   * Hands subscribers events that their owner has already stored with ids from `reserveIds`, in one
   * group (SSE writes a group to each connection at once). Each is validated like `publish` does.
   */
  deliver(events: readonly AnyEnvelope[]): void {
    if (events.length === 0) return;
    for (const event of events) eventDataSchemas[event.type].parse(event.data);
    this.emitLocal(events);
  }

  /** Routes this process's events through a relay (null: straight to the subscribers again). */
  setRelay(relay: BusRelay | null): void {
    this.relay = relay;
  }

  /** Hands events to the subscribers: what the relay calls, in the order it decided. */
  dispatch(events: readonly AnyEnvelope[]): void {
    if (events.length > 0) this.emit(events);
  }

  /** Lets the owner of a durable type store what `publish` receives of it (returns the new id). */
  setSink<T extends EventType>(type: T, sink: ((data: EventData<T>) => number) | null): void {
    if (sink) this.sinks.set(type, sink as (data: unknown) => number);
    else this.sinks.delete(type);
  }

  /** Registers where the replay of a stream comes from, besides the events table. */
  setReplaySource(stream: StreamName, source: ReplaySource | null): void {
    if (source) this.sources.set(stream, source);
    else this.sources.delete(stream);
  }

  /**
   * Receives every event published from now on, in order. Returns the unsubscribe function. With
   * `localOnly`, only the events published in this process, at once: for a subscriber that acts on
   * an event (posts a chat notice), which one instance must do, not every instance.
   */
  subscribe(listener: BusListener, options: { localOnly?: boolean } = {}): () => void {
    const set = options.localOnly ? this.localListeners : this.listeners;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Like `subscribe`, in groups: what a transport that writes many events at once wants. */
  subscribeBatch(listener: BatchListener): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** Durable events of the given streams with an id above `afterId`, oldest first, at most `limit`. */
  replay(streams: readonly StreamName[], afterId: number, limit = 1000): AnyEnvelope[] {
    return this.replayPage(streams, afterId, limit).events;
  }

  /**
   * One page of the replay: the events table merged in id order with the streams that have their own
   * replay source, plus the spans those sources left out (see ReplaySource).
   */
  replayPage(
    streams: readonly StreamName[],
    afterId: number,
    limit = 1000,
    hints: Partial<Record<StreamName, unknown>> = {},
  ): ReplayPage {
    const own = this.replayTable(streams, afterId, limit);
    const gaps: ReplayGap[] = [];
    let merged = own;
    for (const stream of streams) {
      const source = this.sources.get(stream);
      if (!source) continue;
      const page = source(afterId, limit, hints[stream]);
      gaps.push(...page.gaps);
      if (page.events.length > 0) merged = mergeById(merged, page.events, limit);
    }
    return { events: merged, gaps };
  }

  private replayTable(streams: readonly StreamName[], afterId: number, limit: number): AnyEnvelope[] {
    if (streams.length === 0) return [];
    const marks = streams.map(() => '?').join(',');
    const rows = this.db
      .prepare(
        `SELECT id, stream, type, ts, data FROM events
         WHERE id > ? AND stream IN (${marks}) ORDER BY id LIMIT ?`,
      )
      .all(afterId, ...streams, limit) as EventRow[];
    return rows.map(
      (row) =>
        ({
          id: row.id,
          stream: row.stream,
          type: row.type,
          ts: row.ts,
          data: JSON.parse(row.data) as unknown,
        }) as AnyEnvelope,
    );
  }

  /** The id of the newest durable event ever published (0 before the first). */
  lastId(): number {
    return Number(this.lastIdQuery.get() ?? 0);
  }

  /** The smallest id still stored, so callers can tell when a resume point was pruned away. */
  oldestId(): number {
    return Number(this.db.prepare('SELECT MIN(id) FROM events').pluck().get() ?? 0);
  }

  /** Deletes durable events older than `maxAgeMs`; returns how many went. */
  prune(maxAgeMs: number): number {
    return this.db.prepare('DELETE FROM events WHERE ts < ?').run(Date.now() - maxAgeMs).changes;
  }

  listenerCount(): number {
    return this.listeners.size + this.batchListeners.size + this.localListeners.size;
  }

  private emitLocal(events: readonly AnyEnvelope[]): void {
    for (const event of events) {
      for (const listener of this.localListeners) {
        try {
          listener(event);
        } catch (error) {
          console.error('[bus] listener failed:', error);
        }
      }
    }
    if (this.relay) this.relay.local(events);
    else this.emit(events);
  }

  private emit(events: readonly AnyEnvelope[]): void {
    for (const listener of this.batchListeners) {
      try {
        listener(events);
      } catch (error) {
        console.error('[bus] listener failed:', error);
      }
    }
    if (this.listeners.size === 0) return;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          // One faulty subscriber must not starve the others.
          console.error('[bus] listener failed:', error);
        }
      }
    }
  }
}

/** Merges two id-ordered lists, keeping the first `limit`. */
function mergeById(a: AnyEnvelope[], b: AnyEnvelope[], limit: number): AnyEnvelope[] {
  const out: AnyEnvelope[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.id ?? 0) <= (y.id ?? 0))) {
      out.push(x!);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** The process-wide bus over the process-wide store. */
export function getBus(): EventBus {
  return processWide('bus', () => new EventBus(getDb()));
}
