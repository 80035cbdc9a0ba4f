import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../events/sensor-ranges';
import { buildDeviceTree } from './device-tree';
import { sensorsGlance } from './glance';
import { appendPoint, downsampleOldest, toRows } from './series-buffer';

describe('sensorsGlance', () => {
  it('answers in words: devices online, silent and offline', () => {
    expect(sensorsGlance({ total: 42, online: 41, silent: 0, offline: 1 }, true)).toEqual({
      tone: 'warn',
      headline: '41/42 devices online',
      details: ['1 offline'],
    });
    expect(sensorsGlance({ total: 3, online: 3, silent: 0, offline: 0 }, true).tone).toBe('good');
    expect(sensorsGlance({ total: 3, online: 0, silent: 0, offline: 3 }, true).tone).toBe('bad');
    expect(sensorsGlance({ total: 0, online: 0, silent: 0, offline: 0 }, true).headline).toBe(
      'No devices yet',
    );
    expect(sensorsGlance({ total: 3, online: 3, silent: 0, offline: 0 }, false).headline).toBe(
      'MQTT broker is down',
    );
  });
});

describe('buildDeviceTree', () => {
  it('nests devices by site, floor and room with counts and filters', () => {
    const tree = buildDeviceTree([
      { id: 'a', topicPrefix: 'sensors/building-a/floor-2/room-201', state: 'online' },
      { id: 'b', topicPrefix: 'sensors/building-a/floor-10/room-1001', state: 'offline' },
      { id: 'c', topicPrefix: 'sensors/building-a/floor-2/room-202', state: 'silent' },
      { id: 'g', topicPrefix: 'sensors/greenhouse-1', state: 'online' },
    ]);
    expect(tree.counts).toEqual({ total: 4, online: 2, silent: 1, offline: 1 });
    const site = tree.children[0]!;
    expect(site.filter).toBe('sensors/building-a/#');
    expect(site.children.map((f) => f.name)).toEqual(['floor-2', 'floor-10']);
    expect(site.children[0]!.children.map((r) => r.devices[0]!.id)).toEqual(['a', 'c']);
    expect(tree.children[1]!.devices.map((d) => d.id)).toEqual(['g']);
  });
});

describe('series buffer', () => {
  const p = (t: number, v: number): SeriesPoint => [t, v, v, v];

  it('keeps at most `cap` points, thinning the oldest and keeping the newest exact', () => {
    let points: SeriesPoint[] = [];
    for (let i = 0; i < 1000; i++) points = appendPoint(points, p(i, i), 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.at(-1)).toEqual(p(999, 999));
    expect(points[0]![2]).toBeLessThan(points[0]![3]); // merged: min < max
    expect(points.every((x, i) => i === 0 || x[0] > points[i - 1]![0])).toBe(true);
  });

  it('drops points older than the window and sorts a late one in', () => {
    const points = appendPoint([p(0, 1), p(50, 2), p(100, 3)], p(90, 9), 300, 60);
    expect(points.map((x) => x[0])).toEqual([50, 90, 100]);
  });

  it('merges pairs of the oldest half', () => {
    expect(downsampleOldest([p(0, 0), p(1, 2), p(2, 4), p(3, 6), p(4, 8), p(5, 10)])).toEqual([
      [0, 1, 0, 2],
      p(2, 4),
      p(3, 6),
      p(4, 8),
      p(5, 10),
    ]);
  });

  it('lines series up in rows by time', () => {
    expect(
      toRows([
        { key: 'a', label: 'a', points: [p(1, 10), p(2, 11)] },
        { key: 'b', label: 'b', points: [p(2, 20)] },
      ]),
    ).toEqual([
      { t: 1, a: 10 },
      { t: 2, a: 11, b: 20 },
    ]);
  });
});
