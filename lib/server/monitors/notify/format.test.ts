import { describe, expect, it } from 'vitest';
import { genericPayload, slackText, type StatusChange } from './format';

const change: StatusChange = {
  monitor: { id: 3, name: 'api', type: 'http', target: 'https://api.example/health' },
  status: 'down',
  previous: 'up',
  message: 'HTTP 503 Service Unavailable',
  latencyMs: 120,
  at: Date.UTC(2026, 10, 25, 12),
  incident: { id: 9, state: 'open', startedAt: Date.UTC(2026, 10, 25, 12), resolvedAt: null },
};

describe('notification bodies', () => {
  it('generic JSON has stable names and ISO times', () => {
    expect(genericPayload(change)).toEqual({
      event: 'monitor.down',
      monitor: change.monitor,
      status: 'down',
      previous: 'up',
      message: 'HTTP 503 Service Unavailable',
      latencyMs: 120,
      at: '2026-11-25T12:00:00.000Z',
      incident: { id: 9, state: 'open', startedAt: '2026-11-25T12:00:00.000Z', resolvedAt: null },
    });
  });

  it('Slack text says what happened in words, with the downtime on recovery', () => {
    expect(slackText(change)).toBe('🔴 *api* is DOWN: HTTP 503 Service Unavailable · https://api.example/health');
    const up: StatusChange = {
      ...change,
      status: 'up',
      previous: 'down',
      latencyMs: 80.4,
      incident: { id: 9, state: 'resolved', startedAt: 0, resolvedAt: 95_000 },
      link: 'https://ops.example/uptime/3',
    };
    expect(slackText(up)).toBe('✅ <https://ops.example/uptime/3|api> is up after 1m 35s down (80 ms) · https://api.example/health');
  });
});
