import type { AnyEnvelope } from '../../events';
import type { EventBus } from '../bus';

/**
 * What the public may see of a monitors event: status words and times, never the failure message,
 * the reason of an incident or latency (which can reveal internals). Other events pass unchanged
 * (the public hub only ever sends the monitors stream).
 */
export function stripPrivate(event: AnyEnvelope): AnyEnvelope {
  if (event.type === 'monitor-status') {
    const { monitorId, name, status, previous, since } = event.data;
    return { ...event, data: { monitorId, name, status, previous, since } };
  }
  if (event.type === 'incident') {
    const { incidentId, monitor, monitorId, state, startedAt, resolvedAt } = event.data;
    return { ...event, data: { incidentId, monitor, monitorId, state, startedAt, resolvedAt } };
  }
  return event;
}

type Fn = (...args: unknown[]) => unknown;
type Listener = (event: AnyEnvelope) => void;
type BatchListener = (events: readonly AnyEnvelope[]) => void;

/** The bus methods that hand out events, each wrapped so that what comes out is stripped. */
const STRIPPED: Record<string, (real: Fn) => Fn> = {
  subscribe: (real) => (listener) => real((event: AnyEnvelope) => (listener as Listener)(stripPrivate(event))),
  subscribeBatch: (real) => (listener) =>
    real((events: readonly AnyEnvelope[]) => (listener as BatchListener)(events.map(stripPrivate))),
  replay: (real) => (...args) => (real(...args) as AnyEnvelope[]).map(stripPrivate),
  replayPage: (real) => (...args) => {
    const page = real(...args) as { events: AnyEnvelope[] };
    return { ...page, events: page.events.map(stripPrivate) };
  },
};
/** Methods that return no event data. */
const PASS_THROUGH = new Set(['lastId', 'oldestId', 'listenerCount']);

/**
 * The bus as the public status stream sees it: every event it hands out is stripped, live and
 * replayed alike (the hub's per-connection filter then drops private monitors). Fails closed: a bus
 * method not listed here throws instead of leaking, so a change of the bus's API is noticed in tests.
 */
export function publicBusView(bus: EventBus): EventBus {
  return new Proxy(bus, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const real = (value as Fn).bind(target);
      const wrap = STRIPPED[prop];
      if (wrap) return wrap(real);
      if (PASS_THROUGH.has(prop)) return real;
      throw new Error(`public status stream: EventBus.${prop} is not known to be free of private fields`);
    },
  });
}
