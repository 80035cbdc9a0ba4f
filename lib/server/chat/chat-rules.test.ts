import { describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { parseCommand } from './commands';
import { MonitorMemory, systemMessageFor } from './system-messages';
import { TokenBuckets } from './token-bucket';

const event = (type: string, data: Record<string, unknown>) =>
  ({ id: 1, stream: 'x', type, ts: 0, data }) as unknown as AnyEnvelope;

describe('TokenBuckets', () => {
  it('lets a burst through, then one message per refill', () => {
    const buckets = new TokenBuckets(3, 2);
    expect([0, 0, 0].map(() => buckets.take('a', 1000))).toEqual([0, 0, 0]);
    expect(buckets.take('a', 1000)).toBe(500);
    expect(buckets.take('b', 1000)).toBe(0);
    expect(buckets.take('a', 1500)).toBe(0);
    expect(buckets.take('a', 1500)).toBe(500);
  });

  it('stays bounded when flooded with keys', () => {
    const buckets = new TokenBuckets(1, 1, 50);
    for (let i = 0; i < 500; i++) buckets.take(`k${i}`, 0);
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(50);
  });
});

describe('parseCommand', () => {
  it('reads /ack with and without an id, and passes plain text and //escapes through', () => {
    expect(parseCommand('/ack')).toEqual({ kind: 'ack', alertId: null });
    expect(parseCommand('/ACK #42')).toEqual({ kind: 'ack', alertId: 42 });
    expect(parseCommand('/ack soon')).toMatchObject({ kind: 'unknown' });
    expect(parseCommand('/nope')).toMatchObject({ kind: 'unknown', name: 'nope' });
    expect(parseCommand('//ack is a command')).toEqual({ kind: 'message', text: '/ack is a command' });
    expect(parseCommand('a/ack b')).toEqual({ kind: 'message', text: 'a/ack b' });
  });
});

describe('systemMessageFor', () => {
  it('posts deploy outcomes with a link to the deploy; failures are alerts', () => {
    const monitors = new MonitorMemory();
    const failed = systemMessageFor(
      event('deploy-complete', {
        deployId: 'a/b 1',
        service: 'api',
        status: 'failure',
        durationMs: 102_000,
        message: 'exit 1\n  at step 3',
      }),
      monitors,
    );
    expect(failed).toEqual({
      channel: 'ops',
      text: 'Deploy of **api** failed in 1m 42s: exit 1 at step 3',
      link: { href: '/deploys/a%2Fb%201', label: 'Deploy a/b 1' },
      alert: 'critical',
    });
    expect(
      systemMessageFor(
        event('deploy-complete', { deployId: 'd', service: 'web', status: 'success' }),
        monitors,
      )?.text,
    ).toBe('Deploy of **web** succeeded.');
    expect(
      systemMessageFor(
        event('deploy-progress', { deployId: 'd', service: 'web', step: 's', percent: 5 }),
        monitors,
      ),
    ).toBeNull();
  });

  it('posts a monitor only when it goes down or comes back up', () => {
    const monitors = new MonitorMemory();
    const status = (s: string) =>
      systemMessageFor(event('monitor-status', { name: 'api', status: s }), monitors)?.text ?? null;
    expect([
      status('up'),
      status('down'),
      status('down'),
      status('pending'),
      status('down'),
      status('up'),
      status('up'),
    ]).toEqual([
      null,
      'Monitor **api** is down.',
      null,
      null,
      'Monitor **api** is down.',
      'Monitor **api** is back up.',
      null,
    ]);
  });

  it('trusts the previous status a producer sends, and links to the monitor when it has an id', () => {
    const monitors = new MonitorMemory();
    const draft = systemMessageFor(
      event('monitor-status', { name: 'db', monitorId: 7, status: 'up', previous: 'down' }),
      monitors,
    );
    expect(draft).toMatchObject({ text: 'Monitor **db** is back up.', link: { href: '/uptime/7' } });
    const alert = systemMessageFor(
      event('sensor-alert', {
        deviceId: 'fridge',
        metric: 'temp',
        value: 9,
        threshold: 8,
        level: 'warning',
        direction: 'above',
      }),
      monitors,
    );
    expect(alert?.text).toBe('Sensor alert (warning) on **fridge**: temp is 9, above threshold 8.');
  });
});
