/**
 * ANSI SGR colours (ECMA-48 "Select Graphic Rendition", `ESC [ … m`) parsed into styled segments,
 * so that log lines keep their colours without ever being turned into HTML: the components render
 * the segments as text in spans. Every other escape sequence (cursor moves, titles, hyperlinks) is
 * dropped.
 */

export interface AnsiStyle {
  /** 0–15: the terminal palette (lookup classes); a string: an `rgb(…)` colour (256-colour or true colour). */
  fg?: number | string;
  bg?: number | string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle | null;
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-?]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The xterm 256-colour palette beyond the first 16: a 6×6×6 cube, then 24 greys. */
export function xterm256(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

function isEmpty(style: AnsiStyle): boolean {
  return Object.keys(style).length === 0;
}

/** Applies one SGR parameter list to a style (mutates a copy). */
function apply(style: AnsiStyle, params: string): AnsiStyle {
  const next: AnsiStyle = { ...style };
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) {
      for (const key of Object.keys(next)) delete next[key as keyof AnsiStyle];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strike;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) delete next.bg;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      const mode = codes[i + 1];
      if (mode === 5 && codes[i + 2] !== undefined) {
        const n = Math.min(255, Math.max(0, codes[i + 2]!));
        next[key] = n < 16 ? n : xterm256(n);
        i += 2;
      } else if (mode === 2 && codes[i + 4] !== undefined) {
        const [r, g, b] = [codes[i + 2]!, codes[i + 3]!, codes[i + 4]!].map((v) =>
          Math.min(255, Math.max(0, v)),
        );
        next[key] = `rgb(${r},${g},${b})`;
        i += 4;
      }
    }
  }
  return next;
}

/** Splits a line into segments of plain text with the style in force. */
export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes('\x1b')) return [{ text: line, style: null }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const current = isEmpty(style) ? null : style;
    const previous = segments.at(-1);
    if (previous && previous.style === current) previous.text += text;
    else segments.push({ text, style: current });
  };
  for (const match of line.matchAll(ESCAPE)) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[3] === 'm' && match[2] === '') style = apply(style, match[1] ?? '');
  }
  push(line.slice(last));
  return segments.length ? segments : [{ text: '', style: null }];
}

/** The text a reader sees: every escape sequence removed. */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ESCAPE, '') : line;
}
