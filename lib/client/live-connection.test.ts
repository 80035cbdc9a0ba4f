import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, type EventSourceLike } from './live-connection';

class FakeSource implements EventSourceLike {
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown = {}, lastEventId = '') {
    const event = { data: JSON.stringify(data), lastEventId } as MessageEvent<string>;
    this.listeners.get(type)?.forEach((l) => l(event));
  }
}

function setup(probe: 'ok' | 'signed-out' = 'ok') {
  const sources: FakeSource[] = [];
  const connection = new LiveConnection({
    streams: ['deploys', 'logs'],
    createEventSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    probeAuth: async () => probe,
    machine: { random: () => 0.5 },
  });
  connection.start();
  const latest = () => sources[sources.length - 1]!;
  return { connection, sources, latest };
}

const hello = (lastId: number) => ({
  version: 't',
  serverTime: 0,
  streams: [],
  lastId,
  resumedFrom: null,
  snapshot: {},
});
const deploy = { deployId: 'd1', service: 'api', environment: 'prod', ts: 1 };

describe('LiveConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects with the streams and is connected after hello', () => {
    const { connection, latest } = setup();
    expect(latest().url).toBe('/api/events?streams=deploys%2Clogs');
    expect(connection.getStatus().kind).toBe('connecting');
    latest().emit('hello', hello(7));
    expect(connection.getStatus().kind).toBe('connected');
    expect(connection.lastEventId).toBe(7);
  });

  it('delivers typed events to subscribers, counts them and keeps them newest first', () => {
    const { connection, latest } = setup();
    const seen: string[] = [];
    connection.store.subscribe('deploy-start', (event) => seen.push(event.data.deployId));
    latest().emit('hello', hello(0));
    latest().emit('deploy-start', deploy, '1');
    latest().emit('deploy-start', { ...deploy, deployId: 'd2' }, '2');
    latest().emit('deploy-start', { bad: true }, '3');
    expect(seen).toEqual(['d1', 'd2']);
    expect(connection.store.getStats().byStream.deploys.count).toBe(2);
    expect(connection.store.getRecent('deploys').map((e) => e.id)).toEqual([2, 1]);
    expect(connection.lastEventId).toBe(2);
  });

  it('knows the newest event id reached, so a view rendered earlier can tell it missed events', () => {
    const { connection, latest } = setup();
    expect(connection.store.newestEventId()).toBe(0);
    latest().emit('hello', hello(7));
    expect(connection.store.newestEventId()).toBe(7);
    latest().emit('deploy-start', deploy, '9');
    expect(connection.store.newestEventId()).toBe(9);
    latest().emit('hello', hello(8));
    expect(connection.store.newestEventId()).toBe(9);
  });

  it('closes on error, waits the backoff, and resumes from the last id', async () => {
    const { connection, sources, latest } = setup();
    latest().emit('hello', hello(0));
    latest().emit('deploy-start', deploy, '5');
    latest().emit('error');
    expect(sources[0]!.closed).toBe(true);
    const status = connection.getStatus();
    expect(status.kind).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
    expect(latest().url).toContain('lastEventId=5');
  });

  it('reconnects at once on shutdown', () => {
    const { sources, latest } = setup();
    latest().emit('hello', hello(3));
    latest().emit('shutdown');
    expect(sources).toHaveLength(2);
    expect(sources[0]!.closed).toBe(true);
    expect(latest().url).toContain('lastEventId=3');
  });

  it('tells reset listeners and adopts the new resume point', () => {
    const { connection, latest } = setup();
    const resets: number[] = [];
    connection.store.onReset(({ lastId }) => resets.push(lastId));
    latest().emit('hello', hello(0));
    latest().emit('reset', { lastId: 40 });
    expect(resets).toEqual([40]);
    expect(connection.lastEventId).toBe(40);
  });

  it('pauses while hidden and resumes from the last id', () => {
    const { connection, sources, latest } = setup();
    latest().emit('hello', hello(9));
    connection.setVisible(false);
    expect(connection.getStatus().kind).toBe('paused');
    expect(sources[0]!.closed).toBe(true);
    connection.setVisible(true);
    expect(sources).toHaveLength(2);
    expect(latest().url).toContain('lastEventId=9');
  });

  it('stops retrying when the session is gone', async () => {
    const { connection, sources, latest } = setup('signed-out');
    latest().emit('error');
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.getStatus()).toEqual({ kind: 'offline', reason: 'signed-out' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sources).toHaveLength(1);
  });

  it('ignores events of a source it already replaced', () => {
    const { connection, sources, latest } = setup();
    latest().emit('hello', hello(0));
    latest().emit('shutdown');
    sources[0]!.emit('deploy-start', deploy, '99');
    expect(connection.store.getStats().total).toBe(0);
  });

  it('keeps bounded memory however many events arrive', () => {
    const { connection, latest } = setup();
    latest().emit('hello', hello(0));
    for (let i = 1; i <= 1_000; i++) latest().emit('deploy-start', deploy, String(i));
    expect(connection.store.getRecent('deploys')).toHaveLength(200);
    expect(connection.store.getRecent('all')).toHaveLength(200);
    expect(connection.store.getStats().total).toBe(1_000);
  });
});
