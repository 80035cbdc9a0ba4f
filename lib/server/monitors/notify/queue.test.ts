import { describe, expect, it } from 'vitest';
import type { NotificationChannel } from './channels';
import type { StatusChange } from './format';
import { Notifier } from './queue';

const channel: NotificationChannel = { id: 1, name: 'hook', url: 'http://127.0.0.1:9/hook', format: 'json', secret: 'a-secret-of-16-chars', enabled: true, createdAt: 0 };
const change: StatusChange = {
  monitor: { id: 1, name: 'api', type: 'http', target: 'https://api.example' },
  status: 'down',
  previous: 'up',
  message: 'HTTP 503',
  latencyMs: null,
  at: 0,
  incident: null,
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('webhook notifier', () => {
  it('retries a 5xx with backoff, signs each delivery, and records the outcome', async () => {
    const statuses = [500, 503, 204];
    const seen: Headers[] = [];
    const notifier = new Notifier({
      baseDelayMs: 5,
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return new Response(null, { status: statuses.shift() ?? 204 });
      },
    });
    notifier.notify([channel], change);
    await until(() => notifier.recent().length > 0);
    expect(notifier.recent()[0]).toMatchObject({ outcome: 'delivered', attempts: 3, detail: 'HTTP 204', event: 'monitor.down' });
    expect(seen[0]!.get('x-signalboard-signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(seen[0]!.get('x-signalboard-timestamp')).toMatch(/^\d+$/);
  });

  it('does not retry a 4xx: the receiver said no', async () => {
    let calls = 0;
    const notifier = new Notifier({ baseDelayMs: 5, fetch: async () => (calls++, new Response(null, { status: 404 })) });
    notifier.notify([channel], change);
    await until(() => notifier.recent().length > 0);
    expect(calls).toBe(1);
    expect(notifier.recent()[0]).toMatchObject({ outcome: 'failed', attempts: 1, detail: 'HTTP 404' });
  });

  it('gives up after the last attempt on network errors', async () => {
    const notifier = new Notifier({ baseDelayMs: 2, maxAttempts: 3, fetch: () => Promise.reject(new Error('connect ECONNREFUSED')) });
    notifier.notify([channel], change);
    await until(() => notifier.recent().length > 0);
    expect(notifier.recent()[0]).toMatchObject({ outcome: 'failed', attempts: 3, detail: 'connect ECONNREFUSED' });
  });

  it('keeps its queue bounded, dropping the oldest when a receiver hangs', async () => {
    const notifier = new Notifier({ maxQueue: 2, concurrency: 1, fetch: () => new Promise<Response>(() => undefined) });
    for (let i = 0; i < 6; i++) notifier.notify([channel], { ...change, monitor: { ...change.monitor, name: `m${i}` } });
    expect(notifier.pending()).toBe(3); // one in flight, two waiting
    expect(notifier.dropped).toBe(3);
    expect(notifier.recent().filter((r) => r.outcome === 'dropped').map((r) => r.monitor)).toEqual(['m3', 'm2', 'm1']);
    notifier.stop();
  });
});
