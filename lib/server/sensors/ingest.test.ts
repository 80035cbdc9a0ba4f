import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { EventBus } from '../bus';
import { upsertDevice } from '../devices/store';
import { tempDb } from '../test-support';
import { SensorIngest } from './ingest';
import { sensorDevices } from './overview';
import { querySeries } from './queries';
import { rejectionCounts } from './rejections';
import { pruneSensorData } from './retention';
import { addThreshold } from './thresholds';

const PREFIX = 'sensors/building-a/floor-2/room-201';

describe('SensorIngest', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let events: AnyEnvelope[];
  let ingest: SensorIngest;
  const send = (topic: string, payload: string, at = Date.now()) =>
    ingest.accept('room-201', PREFIX, topic, Buffer.from(payload), at);

  beforeEach(() => {
    t = tempDb();
    bus = new EventBus(t.db);
    events = [];
    bus.subscribe((e) => events.push(e));
    upsertDevice(t.db, { id: 'room-201', passwordHash: 'x', topicPrefix: PREFIX, source: 'api' });
    ingest = new SensorIngest(t.db, bus, { live: { minGapMs: 0 } });
  });
  afterEach(() => {
    ingest.stop();
    t.cleanup();
  });

  it('stores JSON and bare-number readings as series, raw and rolled up, and queries them by wildcard', () => {
    const now = Date.now();
    for (let i = 0; i < 30; i++)
      send(PREFIX, JSON.stringify({ temperature: 20 + i / 10, humidity: 40 }), now - (30 - i) * 1000);
    send(`${PREFIX}/co2`, '612', now);
    ingest.flush();
    const live = querySeries(t.db, { filter: 'sensors/+/+/+/temperature', range: 'live', now: now + 1 });
    expect(live.series.map((s) => s.topic)).toEqual([`${PREFIX}/temperature`]);
    const points = live.series[0]!.points;
    expect(points.length).toBeGreaterThan(5);
    expect(points.at(-1)![3]).toBeCloseTo(22.9, 5); // max of the last 2-s bucket
    const all = querySeries(t.db, { filter: 'sensors/building-a/#', range: '24h', now: now + 1 });
    expect(all.series.map((s) => s.metric).sort()).toEqual(['co2', 'humidity', 'temperature']);
    const humidity = all.series.find((s) => s.metric === 'humidity')!;
    expect(humidity.points.every(([, mean, min, max]) => mean === 40 && min === 40 && max === 40)).toBe(true);
    expect(sensorDevices(t.db)[0]!.metrics.find((m) => m.metric === 'co2')?.lastValue).toBe(612);
    expect(events.filter((e) => e.type === 'sensor-reading')).toHaveLength(31);
  });

  it('counts rejected payloads by reason and stores nothing for them', () => {
    send(PREFIX, 'not json');
    send(PREFIX, '{"temperature": "hot"}');
    send(PREFIX, '{"temperature": "hot"}');
    ingest.flush();
    expect(rejectionCounts(t.db).map((r) => [r.reason, r.count])).toEqual([
      ['non-numeric', 2],
      ['not-json', 1],
    ]);
    expect(t.db.prepare('SELECT COUNT(*) FROM sensor_chunks').pluck().get()).toBe(0);
  });

  it('raises one sensor-alert per crossing of a threshold', () => {
    addThreshold(t.db, {
      filter: 'sensors/+/+/+/temperature',
      direction: 'above',
      value: 30,
      level: 'critical',
    });
    for (const v of [25, 31, 32, 33, 20]) send(PREFIX, JSON.stringify({ temperature: v }));
    const alerts = events.filter((e) => e.type === 'sensor-alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.data).toMatchObject({
      deviceId: 'room-201',
      metric: 'temperature',
      value: 31,
      threshold: 30,
      level: 'critical',
    });
  });

  it('tracks online, silent and offline, publishing each change once', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const tracker = ingest.tracker;
      tracker.connected('room-201');
      for (let i = 0; i < 3; i++) {
        send(PREFIX, '{"t": 1}');
        vi.advanceTimersByTime(10_000);
      }
      tracker.sweep();
      expect(tracker.stateOf('room-201')).toBe('online');
      vi.advanceTimersByTime(40_000);
      tracker.sweep();
      expect(tracker.stateOf('room-201')).toBe('silent');
      send(PREFIX, '{"t": 1}');
      expect(tracker.stateOf('room-201')).toBe('online');
      tracker.disconnected('room-201', 'connection lost; last will published');
      expect(tracker.stateOf('room-201')).toBe('offline');
      const states = events
        .filter((e) => e.type === 'device-status')
        .map((e) => (e.data as { state?: string }).state);
      expect(states).toEqual(['online', 'silent', 'online', 'offline']);
      // A clean disconnect waits out the grace period; reconnecting within it changes nothing.
      tracker.connected('room-201');
      tracker.disconnected('room-201', 'disconnected', { clean: true });
      vi.advanceTimersByTime(5_000);
      tracker.connected('room-201');
      vi.advanceTimersByTime(20_000);
      expect(events.filter((e) => e.type === 'device-status')).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops raw chunks after a day and keeps the rollups', () => {
    const old = Date.now() - 2 * 24 * 3_600_000;
    const writer = ingest.writer;
    const series = ingest.catalog.get('room-201', PREFIX, 'temperature');
    writer.add(series, old, 10);
    writer.flush();
    expect(pruneSensorData(t.db)).toMatchObject({ chunks: 1, minutes: 0, hours: 0 });
    expect(t.db.prepare('SELECT COUNT(*) FROM sensor_rollups').pluck().get()).toBe(2);
  });
});
