import 'server-only';
import { z } from 'zod';
import { STREAMS, eventDataSchemas, isDurable, isEventType, streamOf, type AnyEnvelope } from '../../events';
import type { EventBus } from '../bus';
import type { ClusterLink } from './cluster';
import { DEFAULT_SEQUENCER_OPTIONS, DurableSequencer, type SequencerOptions } from './sequencer';

const CHECK_STORE_MS = 1_000;
/** Events in one frame at most (a log batch is 500). */
const MAX_EVENTS = 5_000;

const envelopeSchema = z.object({
  id: z.number().int().positive().nullable(),
  stream: z.string(),
  type: z.string(),
  ts: z.number(),
  data: z.unknown(),
});
const frameSchema = z.object({ events: z.array(envelopeSchema).min(1).max(MAX_EVENTS) });

/** Checks a frame from another instance the way the bus checks a publish; null when anything is off. */
export function parseRemoteEvents(body: unknown): AnyEnvelope[] | null {
  const frame = frameSchema.safeParse(body);
  if (!frame.success) return null;
  const out: AnyEnvelope[] = [];
  for (const event of frame.data.events) {
    if (!isEventType(event.type) || streamOf(event.type) !== event.stream) return null;
    if (isDurable(event.type) !== (event.id !== null)) return null;
    const data = eventDataSchemas[event.type].safeParse(event.data);
    if (!data.success) return null;
    out.push({ ...event, data: data.data } as AnyEnvelope);
  }
  return out;
}

/**
 * The bus across instances. Every event published here goes to Redis with this instance's id;
 * every event from another instance is handed to this process's subscribers only (never sent on).
 * Durable events pass a sequencer, so each subscriber (each SSE connection) gets them in id order
 * with no gap and no duplicate; what Redis loses is read from the shared store. Returns the stop.
 */
export function bridgeBus(
  bus: EventBus,
  link: ClusterLink,
  options: SequencerOptions = DEFAULT_SEQUENCER_OPTIONS,
): { stop: () => void; sequencer: DurableSequencer } {
  const sequencer = new DurableSequencer(
    bus.lastId(),
    (events) => bus.dispatch(events),
    (afterId, limit) => bus.replayPage(STREAMS, afterId, limit).events,
    options,
  );
  let refused = 0;
  bus.setRelay({
    local(events) {
      link.publish('bus', { events });
      sequencer.accept(events);
    },
  });
  const offFrames = link.on('bus', (body, from) => {
    const events = parseRemoteEvents(body);
    if (events) return sequencer.accept(events);
    if (refused++ % 1000 === 0)
      console.error(`[cluster] refused a malformed bus frame from ${from.slice(0, 8)} (${refused} so far)`);
  });
  const offReconnect = link.onReconnect(() => sequencer.catchUp());
  const timer = setInterval(() => {
    try {
      sequencer.tick(bus.lastId());
    } catch (error) {
      console.error('[cluster] reading the store to catch up failed:', error);
    }
  }, CHECK_STORE_MS);
  timer.unref();
  return {
    sequencer,
    stop() {
      clearInterval(timer);
      offFrames();
      offReconnect();
      sequencer.stop();
      bus.setRelay(null);
    },
  };
}
