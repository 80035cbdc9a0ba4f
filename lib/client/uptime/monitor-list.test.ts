import { describe, expect, it } from 'vitest';
import type { MonitorSummary } from '@/lib/server/monitors/types';
import { applyStatus, isUnknown, mergeSnapshot, sortForGlance } from './monitor-list';

const monitor = (id: number, name: string, status: MonitorSummary['status'], paused = false): MonitorSummary => ({
  id,
  name,
  type: 'http',
  target: `https://${name}.example`,
  intervalSeconds: 60,
  timeoutSeconds: 10,
  retries: 0,
  retryIntervalSeconds: 60,
  public: false,
  paused,
  source: 'api',
  status,
  since: 0,
  failures: 0,
  lastCheckAt: null,
  lastLatencyMs: 20,
  lastMessage: null,
  certExpiresAt: null,
  tlsExpiryWarningDays: 14,
  createdAt: 0,
  updatedAt: 0,
  uptime: { day: null, week: null, month: null },
  recent: [],
});

describe('live monitor list', () => {
  const list = [monitor(1, 'api', 'up'), monitor(2, 'db', 'up')];

  it('applies a status change by id, or by name for events without one', () => {
    const next = applyStatus(list, { monitorId: 2, name: 'db', status: 'down', message: 'refused', since: 500 }, 600);
    expect(next[1]).toMatchObject({ status: 'down', since: 500, lastMessage: 'refused', lastLatencyMs: null });
    expect(next[0]).toBe(list[0]);
    expect(applyStatus(list, { name: 'api', status: 'pending' }, 700)[0]).toMatchObject({ status: 'pending', since: 700 });
    expect(applyStatus(list, { monitorId: 9, name: 'x', status: 'down' }, 1)).toBe(list);
    expect(isUnknown(list, { monitorId: 9, name: 'x', status: 'down' })).toBe(true);
  });

  it('merges a reconnect snapshot, keeping the array when nothing changed', () => {
    const same = mergeSnapshot(list, [{ id: 1, name: 'api', status: 'up', since: 0, latencyMs: 20, paused: false }]);
    expect(same).toBe(list);
    const changed = mergeSnapshot(list, [{ id: 1, name: 'api', status: 'down', since: 9, latencyMs: null, paused: false }]);
    expect(changed[0]).toMatchObject({ status: 'down', since: 9 });
  });

  it('puts what needs attention first', () => {
    const sorted = sortForGlance([monitor(1, 'b', 'up'), monitor(2, 'a', 'up', true), monitor(3, 'c', 'down'), monitor(4, 'd', 'pending'), monitor(5, 'a', 'up')]);
    expect(sorted.map((m) => m.id)).toEqual([3, 4, 5, 1, 2]);
  });
});
