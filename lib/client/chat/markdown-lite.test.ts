import { describe, expect, it } from 'vitest';
import { mentions, parseMarkdownLite, safeHref } from './markdown-lite';

describe('parseMarkdownLite', () => {
  it('reads code, bold, links and mentions', () => {
    expect(
      parseMarkdownLite('run `make **x**` then **ship it** see https://ci.example/run/1. cc @ana.'),
    ).toEqual([
      { type: 'text', text: 'run ' },
      { type: 'code', text: 'make **x**' },
      { type: 'text', text: ' then ' },
      { type: 'bold', children: [{ type: 'text', text: 'ship it' }] },
      { type: 'text', text: ' see ' },
      { type: 'link', href: 'https://ci.example/run/1', text: 'https://ci.example/run/1' },
      { type: 'text', text: '. cc ' },
      { type: 'mention', user: 'ana' },
      { type: 'text', text: '.' },
    ]);
    expect(parseMarkdownLite('[the run](http://ci.example/r?a=1&b=2)')).toEqual([
      { type: 'link', href: 'http://ci.example/r?a=1&b=2', text: 'the run' },
    ]);
  });

  it('keeps HTML, script URLs and e-mail addresses as text', () => {
    const hostile =
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> ops@example.com';
    const tokens = parseMarkdownLite(hostile);
    expect(tokens.every((t) => t.type === 'text')).toBe(true);
    expect(tokens.map((t) => (t.type === 'text' ? t.text : '')).join('')).toBe(hostile);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('https://ok.example/')).toBe('https://ok.example/');
  });

  it('finds mentions of a user, case-insensitively, inside bold too', () => {
    expect(mentions('hey @Ana can you look', 'ana')).toBe(true);
    expect(mentions('**@ana** now', 'ana')).toBe(true);
    expect(mentions('mail ana@example.com', 'ana')).toBe(false);
    expect(mentions('`@ana` in code', 'ana')).toBe(false);
    expect(mentions('@anabel', 'ana')).toBe(false);
  });
});
