import { describe, expect, it } from 'vitest';
import { compilePattern } from './pattern';

describe('compilePattern', () => {
  it('compiles case-insensitive patterns', () => {
    const result = compilePattern('timeout after \\d+ms');
    expect(result.ok && result.regex.test('TIMEOUT after 300ms')).toBe(true);
  });

  it('names the problem of a pattern that does not compile', () => {
    const result = compilePattern('(unclosed', 'q');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/^q is not a valid regular expression: .*Unterminated group/);
  });

  it.each(['(a+)+$', '(\\w*x)*y', '(x{2,})+', '(a|aa)\\1'])('refuses the exponential pattern %s', (p) => {
    expect(compilePattern(p)).toMatchObject({ ok: false });
  });

  it.each(['(GET|POST) /api', 'user_id=\\d+', '^\\s+at ', '(error|warn)ing?', '\\(a+\\)+'])(
    'accepts the ordinary pattern %s',
    (p) => {
      expect(compilePattern(p)).toMatchObject({ ok: true });
    },
  );

  it('refuses very long patterns', () => {
    expect(compilePattern('x'.repeat(501))).toMatchObject({ ok: false });
  });
});
