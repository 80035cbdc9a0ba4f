import { describe, expect, it } from 'vitest';
import type { PublicSummary } from '@/lib/server/monitors/status-page';
import { applyPublicSnapshot, applyPublicStatus, connectionWords } from './public-status';

const summary: PublicSummary = {
  generatedAt: 0,
  monitors: [{ id: 1, name: 'Website', status: 'up', paused: false, since: 0, uptime90: 100, days: 1, uptime30: 100, bars: [] }],
  openIncidents: [],
  maintenance: [],
};

describe('public status state', () => {
  it('applies a live change, ignoring unknown monitors', () => {
    expect(applyPublicStatus(summary, { monitorId: 1, name: 'Website', status: 'down', since: 5 }, 9).monitors[0]).toMatchObject({ status: 'down', since: 5 });
    expect(applyPublicStatus(summary, { monitorId: 2, name: 'Other', status: 'down' }, 9)).toBe(summary);
  });

  it('merges a reconnect snapshot', () => {
    expect(applyPublicSnapshot(summary, [{ id: 1, status: 'up', since: 0, paused: false }])).toBe(summary);
    expect(applyPublicSnapshot(summary, [{ id: 1, status: 'maintenance', since: 3, paused: false }]).monitors[0]!.status).toBe('maintenance');
  });

  it('says honestly how live the page is', () => {
    expect(connectionWords({ kind: 'connected' }, 0, 0)).toEqual({ text: 'Live', tone: 'good' });
    expect(connectionWords({ kind: 'reconnecting', retryAt: 4_200 }, 1_000, 0).text).toBe('Reconnecting in 4 s…');
    expect(connectionWords({ kind: 'offline' }, 0, Date.UTC(2026, 0, 1, 14, 5)).text).toBe('Offline: showing the state of 14:05 UTC');
  });
});
