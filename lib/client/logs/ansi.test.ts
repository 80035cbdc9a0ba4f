import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi, xterm256 } from './ansi';

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled segment', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello', style: null }]);
  });

  it('splits colours, bold and resets into segments', () => {
    expect(parseAnsi('\x1b[32mINFO\x1b[0m  listening on \x1b[1;33m:8080\x1b[22m!\x1b[m done')).toEqual([
      { text: 'INFO', style: { fg: 2 } },
      { text: '  listening on ', style: null },
      { text: ':8080', style: { bold: true, fg: 3 } },
      { text: '!', style: { fg: 3 } },
      { text: ' done', style: null },
    ]);
  });

  it('reads bright, 256-colour and true-colour codes', () => {
    expect(parseAnsi('\x1b[91ma\x1b[38;5;196mb\x1b[48;2;10;20;30mc')).toEqual([
      { text: 'a', style: { fg: 9 } },
      { text: 'b', style: { fg: xterm256(196) } },
      { text: 'c', style: { fg: xterm256(196), bg: 'rgb(10,20,30)' } },
    ]);
    expect(xterm256(196)).toBe('rgb(255,0,0)');
    expect(xterm256(244)).toBe('rgb(128,128,128)');
  });

  it('drops cursor moves, titles and hyperlinks, never passing escapes through', () => {
    const line =
      '\x1b[2K\x1b[1Gprogress \x1b]0;title\x07\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\ <b>&amp;';
    const text = parseAnsi(line)
      .map((s) => s.text)
      .join('');
    expect(text).toBe('progress link <b>&amp;');
    expect(stripAnsi(line)).toBe(text);
  });
});
