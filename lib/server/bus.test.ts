import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../events';
import { EventBus } from './bus';
import { openDatabase } from './store/db';
import { tempDb } from './test-support';

const progress = (percent: number) => ({ deployId: 'd1', service: 'api', step: 'build', percent });

describe('EventBus', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('gives durable events increasing ids and delivers them in publish order', () => {
    const bus = new EventBus(t.db);
    const seen: AnyEnvelope[] = [];
    bus.subscribe((e) => seen.push(e));
    for (let i = 0; i < 50; i++) bus.publish('deploy-progress', progress(i));
    expect(seen.map((e) => e.data)).toEqual(Array.from({ length: 50 }, (_, i) => progress(i)));
    const ids = seen.map((e) => e.id!);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(bus.lastId()).toBe(ids.at(-1));
  });

  it('gives non-durable events no id and stores nothing for them', () => {
    const bus = new EventBus(t.db);
    const event = bus.publish('metrics-sample', { seq: 1, values: { cpu: 0.5 } });
    expect(event.id).toBeNull();
    expect(bus.replay(['metrics'], 0)).toEqual([]);
  });

  it('refuses data that breaks the schema, publishing nothing', () => {
    const bus = new EventBus(t.db);
    const seen: AnyEnvelope[] = [];
    bus.subscribe((e) => seen.push(e));
    expect(() => bus.publish('deploy-progress', { ...progress(10), percent: 140 })).toThrow();
    expect(seen).toEqual([]);
    expect(bus.lastId()).toBe(0);
  });

  it('replays exactly what came after an id, for the asked streams only, in pages', () => {
    const bus = new EventBus(t.db);
    for (let i = 0; i < 10; i++) {
      bus.publish('deploy-progress', progress(i));
      bus.publish('monitor-status', { name: `m${i}`, status: 'up' });
    }
    const all = bus.replay(['deploys'], 0, 100);
    expect(all).toHaveLength(10);
    const afterFourth = bus.replay(['deploys'], all[3]!.id!, 100);
    expect(afterFourth.map((e) => e.data)).toEqual(all.slice(4).map((e) => e.data));
    const page = bus.replay(['deploys', 'monitors'], 0, 5);
    expect(page.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps ids growing across a restart and after pruning', () => {
    const bus = new EventBus(t.db);
    bus.publish('deploy-progress', progress(1));
    bus.publish('deploy-progress', progress(2));
    t.db.close();
    const reopened = openDatabase(t.dir);
    t.db = reopened;
    const again = new EventBus(reopened);
    expect(again.lastId()).toBe(2);
    expect(again.prune(-1000)).toBe(2);
    expect(again.publish('deploy-progress', progress(3)).id).toBe(3);
    expect(again.oldestId()).toBe(3);
  });

  it('keeps delivering to others when one listener throws', () => {
    const bus = new EventBus(t.db);
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((e) => seen.push(e.id!));
    const original = console.error;
    console.error = () => undefined;
    try {
      bus.publish('deploy-progress', progress(1));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([1]);
  });
});
