import { describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { parseLogStreamParams } from './sse-filter';

const q = (s: string) => new URLSearchParams(s);
const line = (container: string, level: string, text: string) =>
  ({
    id: 1,
    stream: 'logs',
    type: 'log-line',
    ts: 0,
    data: { source: 'docker', container, stream: 'stdout', level, time: 0, line: text },
  }) as AnyEnvelope;

describe('parseLogStreamParams', () => {
  it('has no filter and no limit of its own without parameters', () => {
    expect(parseLogStreamParams(q(''))).toEqual({ ok: true, filter: null, limit: undefined });
  });

  it('filters by container, level and a case-insensitive pattern on the text without ANSI', () => {
    const result = parseLogStreamParams(q('container=web,db&level=warn,error&q=time%20?out'));
    if (!result.ok || !result.filter) throw new Error('expected a filter');
    const accept = result.filter;
    expect(accept(line('web', 'error', 'upstream TIMEOUT'))).toBe(true);
    expect(accept(line('web', 'error', '\x1b[31mtime\x1b[0m out'))).toBe(true);
    expect(accept(line('api', 'error', 'timeout'))).toBe(false);
    expect(accept(line('web', 'info', 'timeout'))).toBe(false);
    expect(accept(line('db', 'warn', 'slow query'))).toBe(false);
    expect(accept.replayHint).toEqual({ containers: ['web', 'db'], levels: ['warn', 'error'] });
  });

  it('reads logRate as a per-connection limit, or none with "all"', () => {
    expect(parseLogStreamParams(q('logRate=5000'))).toMatchObject({ limit: { perSecond: 5000 } });
    expect(parseLogStreamParams(q('logRate=all'))).toMatchObject({ limit: null });
  });

  it.each([
    ['q=(unclosed', /^q is not a valid regular expression/],
    ['q=(a%2B)%2B', /nested quantifier/],
    ['level=loud', /unknown level "loud"/],
    ['logRate=fast', /logRate/],
  ])('refuses %s with the reason', (params, reason) => {
    const result = parseLogStreamParams(q(params));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(reason);
  });
});
