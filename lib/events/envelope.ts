import { z } from 'zod';
import { EVENT_TYPE_NAMES, STREAMS, type EventType, type StreamName } from './names';
import { eventDataSchemas, type EventData } from './schemas';

/**
 * Every event on every transport travels in this envelope. `id` is set for durable events only: it
 * grows monotonically across all streams and restarts, so one number is a client's whole resume point.
 */
export interface Envelope<T extends EventType = EventType> {
  id: number | null;
  stream: StreamName;
  type: T;
  /** Publish time, milliseconds since the epoch. */
  ts: number;
  data: EventData<T>;
}

export type AnyEnvelope = { [T in EventType]: Envelope<T> }[EventType];

const envelopeShape = z.object({
  id: z.number().int().positive().nullable(),
  stream: z.enum(STREAMS),
  type: z.enum(EVENT_TYPE_NAMES as [EventType, ...EventType[]]),
  ts: z.number().int().nonnegative(),
  data: z.unknown(),
});

/** Validates an envelope from the wire, data included. Returns null when anything is off. */
export function parseEnvelope(input: unknown): AnyEnvelope | null {
  const outer = envelopeShape.safeParse(input);
  if (!outer.success) return null;
  const data = eventDataSchemas[outer.data.type].safeParse(outer.data.data);
  if (!data.success) return null;
  return { ...outer.data, data: data.data } as AnyEnvelope;
}
