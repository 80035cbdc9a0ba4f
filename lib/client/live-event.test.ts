import { describe, expect, it } from 'vitest';
import { parseEventId, parseLiveEvent } from './live-event';

describe('parseLiveEvent', () => {
  it('parses a durable event with its id, stream and ts', () => {
    const raw = JSON.stringify({
      deployId: 'd1',
      service: 'api',
      environment: 'prod',
      ts: 1_700_000_000_000,
    });
    expect(parseLiveEvent('deploy-start', raw, '42', 1)).toEqual({
      id: 42,
      type: 'deploy-start',
      stream: 'deploys',
      ts: 1_700_000_000_000,
      data: { deployId: 'd1', service: 'api', environment: 'prod' },
      seq: 1,
    });
  });

  it('gives lossy events no id even though EventSource repeats the last one', () => {
    const raw = JSON.stringify({ seq: 3, values: { cpu: 0.5 }, ts: 5 });
    expect(parseLiveEvent('metrics-sample', raw, '42', 2)?.id).toBeNull();
  });

  it('drops unknown types, bad JSON and data that fails the schema', () => {
    expect(parseLiveEvent('no-such-event', '{}', '', 1)).toBeNull();
    expect(parseLiveEvent('deploy-start', '{not json', '', 1)).toBeNull();
    expect(parseLiveEvent('deploy-start', JSON.stringify({ deployId: 'x' }), '', 1)).toBeNull();
    expect(parseLiveEvent('deploy-start', 'null', '', 1)).toBeNull();
  });
});

describe('parseEventId', () => {
  it('accepts decimal ids only', () => {
    expect(parseEventId('17')).toBe(17);
    expect(parseEventId('')).toBeNull();
    expect(parseEventId('1e3')).toBeNull();
    expect(parseEventId(undefined)).toBeNull();
  });
});
