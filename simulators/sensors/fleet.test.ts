import { describe, expect, it } from 'vitest';
import { checkTopicPrefix } from '../../lib/events/mqtt-topics';
import { buildFleet } from './fleet';
import { PROFILES, Signal, seededRandom } from './signals';

describe('buildFleet', () => {
  it('spreads devices over sites, floors and rooms with valid, distinct prefixes', () => {
    const fleet = buildFleet({ devices: 42, sites: 4 });
    expect(fleet).toHaveLength(42);
    expect(new Set(fleet.map((d) => d.id)).size).toBe(42);
    expect(new Set(fleet.map((d) => d.topicPrefix)).size).toBe(42);
    expect(fleet.every((d) => checkTopicPrefix(d.topicPrefix).ok)).toBe(true);
    expect(new Set(fleet.map((d) => d.topicPrefix.split('/')[1])).size).toBe(4);
    expect(fleet.some((d) => d.format === 'metric-topics')).toBe(true);
    expect(new Set(fleet.map((d) => d.qos))).toEqual(new Set([0, 1]));
  });
});

describe('Signal', () => {
  it('follows a daily cycle around its base, within its bounds', () => {
    const signal = new Signal(PROFILES.humidity, seededRandom(7), 0, 0);
    const day = Date.UTC(2026, 0, 1);
    const values = Array.from({ length: 24 * 12 }, (_, i) => signal.next(day + i * 300_000));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(PROFILES.humidity.base - 5);
    expect(mean).toBeLessThan(PROFILES.humidity.base + 5);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(PROFILES.humidity.amplitude);
    expect(values.every((v) => v >= 5 && v <= 100)).toBe(true);
  });
});
