import { describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../events';
import type { EventBus } from '../bus';
import { publicBusView, stripPrivate } from './public-view';

const down: AnyEnvelope = {
  id: 7,
  stream: 'monitors',
  type: 'monitor-status',
  ts: 1,
  data: { monitorId: 1, name: 'Website', status: 'down', latencyMs: 3, message: 'connect ECONNREFUSED 10.0.0.5:5432', previous: 'up', since: 1 },
};
const opened: AnyEnvelope = {
  id: 8,
  stream: 'monitors',
  type: 'incident',
  ts: 1,
  data: { incidentId: 2, monitor: 'Website', monitorId: 1, state: 'open', reason: 'HTTP 503 from 10.0.0.5', startedAt: 1 },
};

describe('the public view of the bus', () => {
  it('strips messages, reasons and latency', () => {
    expect(JSON.stringify(stripPrivate(down))).not.toMatch(/ECONNREFUSED|latencyMs|10\.0\.0\.5/);
    expect(JSON.stringify(stripPrivate(opened))).not.toMatch(/reason|503/);
    expect(stripPrivate(down).data).toMatchObject({ monitorId: 1, name: 'Website', status: 'down', previous: 'up' });
  });

  it('strips what every event-handing method returns, passes the ids, and fails closed on anything else', () => {
    const listeners: ((e: AnyEnvelope) => void)[] = [];
    const batches: ((e: readonly AnyEnvelope[]) => void)[] = [];
    const fake = {
      subscribe: (l: (e: AnyEnvelope) => void) => (listeners.push(l), () => undefined),
      subscribeBatch: (l: (e: readonly AnyEnvelope[]) => void) => (batches.push(l), () => undefined),
      replay: () => [down, opened],
      replayPage: () => ({ events: [down], gaps: [] }),
      lastId: () => 8,
      oldestId: () => 1,
      publish: () => undefined,
    } as unknown as EventBus;
    const view = publicBusView(fake) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const got: AnyEnvelope[] = [];
    view.subscribe!((e: AnyEnvelope) => got.push(e));
    view.subscribeBatch!((events: readonly AnyEnvelope[]) => got.push(...events));
    listeners[0]!(down);
    batches[0]!([opened]);
    got.push(...(view.replay!() as AnyEnvelope[]), ...(view.replayPage!() as { events: AnyEnvelope[] }).events);
    expect(got).toHaveLength(5);
    for (const e of got) expect(JSON.stringify(e)).not.toMatch(/ECONNREFUSED|503|latencyMs/);
    expect(view.lastId!()).toBe(8);
    expect(() => view.publish).toThrow('EventBus.publish is not known to be free of private fields');
  });
});
