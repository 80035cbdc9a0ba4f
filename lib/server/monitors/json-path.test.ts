import { describe, expect, it } from 'vitest';
import { checkJsonCondition, parseJsonPath, selectJsonPath } from './json-path';

const body = {
  status: 'ok',
  db: { healthy: true, latencyMs: 12 },
  'odd key': 'yes',
  items: [
    { state: 'up', n: 1 },
    { state: 'down', n: 2 },
  ],
};

const select = (path: string) => {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) throw new Error(parsed.error);
  return selectJsonPath(body, parsed.segments);
};

describe('JSON path', () => {
  it('selects keys, indexes, quoted names and wildcards', () => {
    expect(select('$.status')).toEqual(['ok']);
    expect(select('db.latencyMs')).toEqual([12]);
    expect(select("$['odd key']")).toEqual(['yes']);
    expect(select('$.items[1].state')).toEqual(['down']);
    expect(select('$.items[*].n')).toEqual([1, 2]);
    expect(select('$.db.*')).toEqual([true, 12]);
    expect(select('$.missing.deeper')).toEqual([]);
    expect(select('$.items[9]')).toEqual([]);
  });

  it('refuses malformed paths with a reason', () => {
    expect(parseJsonPath('')).toMatchObject({ ok: false });
    expect(parseJsonPath('$.')).toMatchObject({ ok: false, error: expect.stringContaining('expected a name') as string });
    expect(parseJsonPath('$.items[abc]')).toMatchObject({ ok: false });
    expect(parseJsonPath('$.items[0')).toMatchObject({ ok: false, error: expect.stringContaining('unclosed') as string });
  });

  it('compares as numbers when both sides are numbers, else as strings', () => {
    expect(checkJsonCondition(body, '$.status', '==', 'ok').ok).toBe(true);
    expect(checkJsonCondition(body, '$.db.healthy', '==', 'true').ok).toBe(true);
    expect(checkJsonCondition(body, '$.db.latencyMs', '<', '100').ok).toBe(true);
    expect(checkJsonCondition(body, '$.db.latencyMs', '>=', '12').ok).toBe(true);
    expect(checkJsonCondition(body, '$.db.latencyMs', '>', '12').ok).toBe(false);
    expect(checkJsonCondition(body, '$.status', '<', '5').ok).toBe(false);
    expect(checkJsonCondition(body, '$.status', 'contains', 'o').ok).toBe(true);
    expect(checkJsonCondition(body, '$.status', 'exists').ok).toBe(true);
  });

  it('any selected value may satisfy, none may equal for !=', () => {
    expect(checkJsonCondition(body, '$.items[*].state', '==', 'down').ok).toBe(true);
    expect(checkJsonCondition(body, '$.items[*].state', '!=', 'down').ok).toBe(false);
    expect(checkJsonCondition(body, '$.items[*].state', '!=', 'gone').ok).toBe(true);
  });

  it('explains a failure with what was found', () => {
    const verdict = checkJsonCondition(body, '$.status', '==', 'healthy');
    expect(verdict).toEqual({ ok: false, message: '$.status is ok, expected == healthy' });
    expect(checkJsonCondition(body, '$.nope', '==', 'x')).toEqual({ ok: false, message: 'JSON path $.nope selects nothing' });
  });
});
