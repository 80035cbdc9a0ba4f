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
  private readonly insert;
  private readonly lastIdQuery;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, string, number, string]>(
      'INSERT INTO events (stream, type, ts, data) VALUES (?, ?, ?, ?)',
    );
    this.lastIdQuery = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck();
  }

  /** Validates and publishes one event; throws if the data does not match its schema (a bug in the producer). */
  publish<T extends EventType>(type: T, data: EventData<T>): Envelope<T> {
    const parsed = eventDataSchemas[type].parse(data) as EventData<T>;
    const stream = streamOf(type);
    const ts = Date.now();
    let id: number | null = null;
    if (isDurable(type)) {
      id = Number(this.insert.run(stream, type, ts, JSON.stringify(parsed)).lastInsertRowid);
    }
    const event = { id, stream, type, ts, data: parsed } as Envelope<T>;
    this.emit(event as unknown as AnyEnvelope);
    return event;
  }

  /** Receives every event published from now on, in order. Returns the unsubscribe function. */
  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Durable events of the given streams with an id above `afterId`, oldest first, at most `limit`. */
  replay(streams: readonly StreamName[], afterId: number, limit = 1000): AnyEnvelope[] {
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
    return this.listeners.size;
  }

  private emit(event: AnyEnvelope): void {
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

/** The process-wide bus over the process-wide store. */
export function getBus(): EventBus {
  return processWide('bus', () => new EventBus(getDb()));
}
