import { describe, expect, it } from 'vitest';
import { pushToken, tokenMatches } from './auth';
import { parseLokiPush } from './parse';

describe('parseLokiPush', () => {
  it('maps streams and values to lines, naming the source from the labels', () => {
    const result = parseLokiPush({
      streams: [
        {
          stream: { job: 'varlogs', container: 'nginx', level: 'warning', stream: 'stderr' },
          values: [
            ['1764000000123456789', 'upstream slow'],
            ['1764000000200000000', 'with metadata', { trace_id: 'abc' }],
          ],
        },
        { stream: { service_name: 'checkout' }, values: [['1764000001000000000', 'plain']] },
        { stream: {}, values: [['1764000002000000000', 'unlabelled']] },
      ],
    });
    expect(result).toEqual({
      ok: true,
      lines: [
        {
          source: 'push',
          container: 'nginx',
          stream: 'stderr',
          time: 1764000000123,
          line: 'upstream slow',
          level: 'warn',
        },
        {
          source: 'push',
          container: 'nginx',
          stream: 'stderr',
          time: 1764000000200,
          line: 'with metadata',
          level: 'warn',
        },
        { source: 'push', container: 'checkout', stream: 'stdout', time: 1764000001000, line: 'plain' },
        { source: 'push', container: 'push', stream: 'stdout', time: 1764000002000, line: 'unlabelled' },
      ],
    });
  });

  it.each([
    [[], 'body: expected a JSON object'],
    [{}, 'streams: expected an array'],
    [{ streams: [1] }, 'streams[0]: expected an object'],
    [{ streams: [{ stream: { a: 1 }, values: [] }] }, 'streams[0].stream.a: label values must be strings'],
    [{ streams: [{ stream: {}, values: {} }] }, 'streams[0].values: expected an array'],
    [{ streams: [{ stream: {}, values: [['1']] }] }, 'streams[0].values[0]: expected ['],
    [
      { streams: [{ stream: {}, values: [[1764000000000000000, 'x']] }] },
      'streams[0].values[0][0]: the timestamp',
    ],
    [{ streams: [{ stream: {}, values: [['2024-01-01', 'x']] }] }, 'streams[0].values[0][0]: the timestamp'],
    [
      {
        streams: [
          {
            stream: {},
            values: [
              ['1', 'ok'],
              ['2', 3],
            ],
          },
        ],
      },
      'streams[0].values[1][1]: the log line',
    ],
  ])('refuses %j naming the problem', (body, message) => {
    const result = parseLokiPush(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });
});

describe('push tokens', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('reads Bearer and Basic (token as the password, or as the user without one)', () => {
    expect(pushToken('Bearer abc123')).toBe('abc123');
    expect(pushToken(basic('tenant-1:s3cret'))).toBe('s3cret');
    expect(pushToken(basic('s3cret:'))).toBe('s3cret');
    expect(pushToken(basic('s3cret'))).toBe('s3cret');
    expect(pushToken('Token abc')).toBeNull();
    expect(pushToken(null)).toBeNull();
  });

  it('matches any active secret', () => {
    expect(tokenMatches('b', ['a', 'b'])).toBe(true);
    expect(tokenMatches('c', ['a', 'b'])).toBe(false);
    expect(tokenMatches('a', [])).toBe(false);
  });
});
