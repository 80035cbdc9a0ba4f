/**
 * Turning SSE messages into typed events. The browser is a boundary too: every message is checked
 * against the shared zod schema, and one that does not match is dropped rather than trusted.
 */
import {
  eventDataSchemas,
  isDurable,
  isEventType,
  streamOf,
  type EventData,
  type EventType,
  type StreamName,
} from '../events';

/** One event as the dashboard's components see it. */
export interface LiveEvent<T extends EventType = EventType> {
  /** Durable events carry their store id; lossy ones (sensor readings, metrics samples) have none. */
  id: number | null;
  type: T;
  stream: StreamName;
  /** Publish time, ms since the epoch (from the server's `ts`). */
  ts: number;
  data: EventData<T>;
  /** Client-side arrival counter: a stable React key and the order of arrival. */
  seq: number;
}

export type AnyLiveEvent = { [T in EventType]: LiveEvent<T> }[EventType];

const ID_PATTERN = /^\d{1,15}$/;

/** The event id from an SSE `lastEventId`, or null when absent or malformed. */
export function parseEventId(raw: string | undefined | null): number | null {
  if (!raw || !ID_PATTERN.test(raw)) return null;
  return Number(raw);
}

/**
 * Parses one SSE message. `lastEventId` is the EventSource's last id, which a lossy event inherits
 * from the durable event before it, so it is only used for durable types.
 */
export function parseLiveEvent(
  type: string,
  rawData: string,
  lastEventId: string,
  seq: number,
): AnyLiveEvent | null {
  if (!isEventType(type)) return null;
  let json: unknown;
  try {
    json = JSON.parse(rawData);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const ts = (json as { ts?: unknown }).ts;
  // zod objects strip unknown keys, so `ts` (added by the server beside the data) falls away here.
  const data = eventDataSchemas[type].safeParse(json);
  if (!data.success) return null;
  return {
    id: isDurable(type) ? parseEventId(lastEventId) : null,
    type,
    stream: streamOf(type),
    ts: typeof ts === 'number' && Number.isFinite(ts) ? ts : Date.now(),
    data: data.data,
    seq,
  } as AnyLiveEvent;
}
