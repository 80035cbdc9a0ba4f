import { describe, expect, it } from 'vitest';
import { FilteredEntries } from './filtered-entries';
import { LogView } from './log-view';
import { compileFilter, entryMatches } from './text-filter';
import { entryJson, entryRows, expandable, prettyJson, toViewLine, type ViewLine } from './view-line';
import { RowIndex } from './windowing';

let nextId = 1;
const line = (text: string, container = 'web', time = 1000): ViewLine =>
  toViewLine(nextId++, { source: 'docker', container, stream: 'stdout', level: 'info', time, line: text });

describe('grouping continuation lines', () => {
  it('groups a Node.js stack trace and a Python traceback under their first line, per container', () => {
    const view = new LogView();
    view.append([
      line('Error: connect ECONNREFUSED 10.0.0.7:5432'),
      line('GET /health 200', 'db'),
      line('    at TCPConnectWrap.afterConnect (node:net:1555:16)'),
      line('    at Pool.connect (/app/pg-pool/index.js:45:11)'),
      line('Traceback (most recent call last):', 'worker'),
      line('  File "/app/worker.py", line 88, in run', 'worker'),
      line('    result = handler(job)', 'worker'),
      line('ConnectionResetError: [Errno 104] Connection reset by peer', 'worker'),
      line('next line', 'worker'),
    ]);
    const entries = view.getEntries();
    expect(entries.map((e) => [e.head.plain.slice(0, 12), e.rest.length])).toEqual([
      ['Error: conne', 2],
      ['GET /health ', 0],
      ['Traceback (m', 3],
      ['next line', 0],
    ]);
    expect(view.lines).toBe(9);
  });

  it('does not group an indented line that comes much later', () => {
    const view = new LogView();
    view.append([line('config:', 'web', 1000), line('  port: 8080', 'web', 60_000)]);
    expect(view.getEntries()).toHaveLength(2);
  });
});

describe('LogView', () => {
  it('holds lines back while paused, counting them, and keeps a bounded waiting room', () => {
    const view = new LogView(1000, 5);
    view.append([line('a')]);
    view.setPaused(true);
    view.append(Array.from({ length: 8 }, (_, i) => line(`p${i}`)));
    expect(view.getEntries()).toHaveLength(1);
    expect(view.waiting).toBe(8);
    view.setPaused(false);
    expect(view.getEntries().map((e) => e.head.plain)).toEqual(['a', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('drops the oldest lines past its bound, down to 90 %', () => {
    const view = new LogView(100);
    view.append(Array.from({ length: 101 }, (_, i) => line(`l${i}`, 'web', i * 10_000)));
    expect(view.lines).toBe(90);
    expect(view.trimmed).toBe(11);
    expect(view.getEntries()[0]!.head.plain).toBe('l11');
  });
});

describe('filters', () => {
  it('matches text case-insensitively, or a /regex/, and gives ranges to highlight', () => {
    const text = compileFilter('TIMEOUT').matcher!;
    expect(text.test('upstream timeout after 3s')).toBe(true);
    expect(text.ranges('timeout, timeout')).toEqual([
      [0, 7],
      [9, 16],
    ]);
    const regex = compileFilter('/status=5\\d\\d/').matcher!;
    expect(regex.test('STATUS=503')).toBe(true);
    expect(regex.ranges('a status=500 b status=502')).toEqual([
      [2, 12],
      [15, 25],
    ]);
    expect(compileFilter('/(unclosed/')).toMatchObject({ matcher: null, regex: true });
    expect(compileFilter('  ').matcher).toBeNull();
  });

  it('keeps the filtered list in step with appends, testing only new entries', () => {
    const view = new LogView();
    const filtered = new FilteredEntries();
    const matcher = compileFilter('error').matcher!;
    const accept = (entry: Parameters<typeof entryMatches>[0]) => entryMatches(entry, matcher);
    view.append([line('error one'), line('fine')]);
    const first = filtered.get(view.getEntries(), accept, 'error', view.epoch);
    expect(first.map((e) => e.head.plain)).toEqual(['error one']);
    view.append([line('error two')]);
    const second = filtered.get(view.getEntries(), accept, 'error', view.epoch);
    expect(second.map((e) => e.head.plain)).toEqual(['error one', 'error two']);
    expect(second).not.toBe(first);
  });
});

describe('JSON entries', () => {
  it('parses the head once and expands to its pretty lines', () => {
    const view = new LogView();
    view.append([line('{"level":"info","msg":"done","user":{"id":4}}'), line('{not json}')]);
    const [json, other] = view.getEntries();
    expect(entryJson(json!)).toEqual({ level: 'info', msg: 'done', user: { id: 4 } });
    expect(expandable(json!)).toBe(true);
    expect(entryRows(json!, true)).toBe(1 + prettyJson(entryJson(json!)!).length);
    expect(expandable(other!)).toBe(false);
  });
});

describe('RowIndex', () => {
  it('finds the items of a viewport among 100,000 with varying heights', () => {
    const index = new RowIndex();
    index.build(100_000, (i) => (i % 10 === 0 ? 3 : 1));
    expect(index.totalRows).toBe(120_000);
    expect(index.offsetOf(10)).toBe(12);
    expect(index.indexAt(12)).toBe(10);
    expect(index.indexAt(11)).toBe(9);
    expect(index.range(60_000, 40, 5)).toEqual({ start: 49_995, end: 50_038 });
  });
});
