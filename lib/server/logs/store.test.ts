import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { LogIngest } from './ingest';
import { logReplaySource } from './replay';
import { containerIdsByName, lineContext, searchLogs } from './search';
import { LogStore } from './store';
import type { LogLine, RawLogLine } from './types';

const raw = (container: string, line: string, extra: Partial<RawLogLine> = {}): RawLogLine => ({
  source: 'docker',
  container,
  stream: 'stdout',
  time: 1_700_000_000_000,
  line,
  ...extra,
});

describe('log store, ingest, search and replay', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let store: LogStore;
  let stored: LogLine[];
  let ingest: LogIngest;

  beforeEach(() => {
    t = tempDb();
    bus = new EventBus(t.db);
    store = new LogStore(t.db, bus);
    stored = [];
    ingest = new LogIngest(store, bus, (lines) => stored.push(...lines), {
      batchSize: 50,
      flushDelayMs: 1,
      maxQueue: 200,
      lineMaxChars: 100,
    });
    bus.setReplaySource('logs', logReplaySource(t.db, 30));
    bus.setSink('log-line', (data) => ingest.storeNow(data));
  });
  afterEach(() => {
    ingest.stop();
    t.cleanup();
  });

  const settle = (lines: RawLogLine[]) =>
    new Promise<void>((resolve, reject) => {
      expect(ingest.offer(lines, (error) => (error ? reject(error) : resolve()))).toBe(true);
    });

  it('stores batches with ids from the event sequence, in order with other events, and sends them in groups', async () => {
    const groups: (readonly AnyEnvelope[])[] = [];
    bus.subscribeBatch((events) => groups.push(events));
    const before = bus.publish('deploy-progress', { deployId: 'd', service: 's', step: 'x', percent: 1 });
    await settle(Array.from({ length: 120 }, (_, i) => raw(i % 2 ? 'web' : 'db', `line ${i}`)));
    const after = bus.publish('deploy-progress', { deployId: 'd', service: 's', step: 'x', percent: 2 });
    const logGroups = groups.filter((g) => g[0]!.type === 'log-line');
    expect(logGroups.map((g) => g.length)).toEqual([50, 50, 20]);
    const ids = logGroups.flat().map((e) => e.id!);
    expect(ids[0]).toBe(before.id! + 1);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    expect(after.id).toBe(ids.at(-1)! + 1);
    expect(bus.lastId()).toBe(after.id);
    expect(stored.map((l) => l.line)).toEqual(Array.from({ length: 120 }, (_, i) => `line ${i}`));
  });

  it('cuts long lines and marks them, detects levels and strips ANSI for search', async () => {
    await settle([
      raw('web', 'x'.repeat(150)),
      raw('web', '\x1b[31mERROR\x1b[0m payment failed'),
      raw('web', '{"level":"warn","msg":"slow"}'),
    ]);
    expect(stored[0]).toMatchObject({ truncated: true, line: 'x'.repeat(100) });
    expect(stored[1]).toMatchObject({ level: 'error' });
    expect(stored[2]).toMatchObject({ level: 'warn' });
    expect(searchLogs(t.db, { text: 'error payment', limit: 10 }).lines.map((l) => l.id)).toEqual([
      stored[1]!.id,
    ]);
  });

  it('gives stack frames and PostgreSQL details the level of the line they continue', async () => {
    await settle([
      raw('api', 'Error: connect ECONNREFUSED 10.0.0.7:5432'),
      raw('api', '    at Pool.connect (/app/pg-pool/index.js:45:11)'),
      raw('db', '2026-11-25 10:00:00.001 UTC [7] ERROR:  duplicate key value'),
      raw('db', '2026-11-25 10:00:00.001 UTC [7] DETAIL:  Key (id)=(4) already exists.'),
      raw('api', '    indented, but much later', { time: 1_700_000_100_000 }),
    ]);
    expect(stored.map((l) => l.level)).toEqual(['error', 'error', 'error', 'error', 'unknown']);
  });

  it('refuses a push that does not fit the queue, whole', () => {
    expect(ingest.offer(Array.from({ length: 150 }, (_, i) => raw('web', `a${i}`)))).toBe(true);
    expect(ingest.offer(Array.from({ length: 100 }, (_, i) => raw('web', `b${i}`)))).toBe(false);
    ingest.flushAll();
    expect(stored).toHaveLength(150);
  });

  it('searches by words, pattern, level, container and time, newest first, in pages', async () => {
    await settle([
      raw('api', 'GET /orders 200', { time: 1000 }),
      raw('api', 'ERROR upstream timeout after 30s', { time: 2000 }),
      raw('db', 'ERROR: deadlock detected', { time: 3000 }),
      raw('api', 'WARN retrying order 42', { time: 4000 }),
      raw('api', 'GET /orders/42 200', { time: 5000 }),
    ]);
    const ids = containerIdsByName(t.db, ['api']);
    const api = [...ids.values()];
    const text = (l: LogLine) => l.line;
    expect(searchLogs(t.db, { text: 'orders', limit: 10 }).lines.map(text)).toEqual([
      'GET /orders/42 200',
      'GET /orders 200',
    ]);
    expect(searchLogs(t.db, { regex: /order\w*\W42/i, limit: 10 }).lines.map(text)).toEqual([
      'GET /orders/42 200',
      'WARN retrying order 42',
    ]);
    expect(searchLogs(t.db, { levels: ['error'], containerIds: api, limit: 10 }).lines.map(text)).toEqual([
      'ERROR upstream timeout after 30s',
    ]);
    expect(searchLogs(t.db, { from: 2000, to: 4000, limit: 10 }).lines).toHaveLength(3);
    const first = searchLogs(t.db, { limit: 2 });
    expect(first.lines).toHaveLength(2);
    const second = searchLogs(t.db, { limit: 2, before: first.next });
    expect(second.lines.map(text)).toEqual(['ERROR: deadlock detected', 'ERROR upstream timeout after 30s']);
    const context = lineContext(t.db, stored[3]!.id, 1, 1)!;
    expect(context.map(text)).toEqual([
      'ERROR upstream timeout after 30s',
      'WARN retrying order 42',
      'GET /orders/42 200',
    ]);
  });

  it('replays log lines merged with other events, filtered by the hint, with a gap past the bound', async () => {
    const start = bus.lastId();
    await settle([raw('api', 'one'), raw('db', 'two')]);
    bus.publish('monitor-status', { name: 'web', status: 'up' });
    await settle([raw('api', 'three')]);
    const page = bus.replayPage(['logs', 'monitors'], start, 100);
    expect(page.events.map((e) => (e.type === 'log-line' ? e.data.line : e.type))).toEqual([
      'one',
      'two',
      'monitor-status',
      'three',
    ]);
    const filtered = bus.replayPage(['logs'], start, 100, { logs: { containers: ['api'], levels: null } });
    expect(filtered.events.map((e) => (e.type === 'log-line' ? e.data.line : ''))).toEqual(['one', 'three']);

    await settle(Array.from({ length: 100 }, (_, i) => raw('api', `flood ${i}`)));
    const clamped = bus.replayPage(['logs'], start, 500);
    expect(clamped.events).toHaveLength(30);
    expect(clamped.gaps).toEqual([{ stream: 'logs', fromId: start + 1, toId: clamped.events[0]!.id! - 1 }]);
  });

  it('stores log-line events published the generic way in the log table', () => {
    const event = bus.publish('log-line', {
      source: 'push',
      container: 'curl',
      stream: 'stdout',
      level: 'info',
      time: 1,
      line: 'hello from curl',
    });
    expect(searchLogs(t.db, { text: 'hello', limit: 5 }).lines.map((l) => l.id)).toEqual([event.id]);
    expect(t.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
  });

  it('prunes by count and by age, index entries included', async () => {
    await settle(
      Array.from({ length: 40 }, (_, i) => raw('api', `word${i} common`, { time: i < 10 ? 10 : 1_000 })),
    );
    expect(store.prune(100, 1_000_000, 1000)).toBe(10);
    expect(store.size).toBe(30);
    expect(store.prune(0, 25, 1000)).toBe(5);
    expect(searchLogs(t.db, { text: 'common', limit: 100 }).lines).toHaveLength(25);
    expect(searchLogs(t.db, { text: '"word3"', limit: 100 }).lines).toHaveLength(0);
    expect(searchLogs(t.db, { text: '"word12"', limit: 100 }).lines).toHaveLength(0);
    expect(searchLogs(t.db, { text: '"word15"', limit: 100 }).lines).toHaveLength(1);
  });
});
