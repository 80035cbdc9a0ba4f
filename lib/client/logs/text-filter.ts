/**
 * Filter as you type: plain text matches case-insensitively anywhere in a line; `/pattern/flags`
 * is a regular expression (default flags `i`). Matching uses the text without ANSI escapes.
 */
import type { LogEntry } from './view-line';

export interface Matcher {
  test(text: string): boolean;
  /** [start, end) ranges to highlight in `text`. */
  ranges(text: string): [number, number][];
}

export type FilterResult = { matcher: Matcher | null; error: string | null; regex: boolean };

const MAX_RANGES = 50;

export function compileFilter(input: string): FilterResult {
  const raw = input.trim();
  if (raw === '') return { matcher: null, error: null, regex: false };
  const slashed = /^\/(.+)\/([a-z]*)$/.exec(raw);
  if (slashed) {
    let regex: RegExp;
    try {
      const flags = new Set((slashed[2] || 'i').replace(/[gy]/g, ''));
      regex = new RegExp(slashed[1]!, [...flags].join(''));
    } catch (error) {
      return { matcher: null, error: (error as Error).message, regex: true };
    }
    const global = new RegExp(regex.source, `${regex.flags}g`);
    return {
      regex: true,
      error: null,
      matcher: {
        test: (text) => regex.test(text),
        ranges: (text) => {
          const out: [number, number][] = [];
          for (const match of text.matchAll(global)) {
            if (match[0].length === 0) continue;
            out.push([match.index, match.index + match[0].length]);
            if (out.length >= MAX_RANGES) break;
          }
          return out;
        },
      },
    };
  }
  const needle = raw.toLowerCase();
  return {
    regex: false,
    error: null,
    matcher: {
      test: (text) => text.toLowerCase().includes(needle),
      ranges: (text) => {
        const out: [number, number][] = [];
        const haystack = text.toLowerCase();
        let at = haystack.indexOf(needle);
        while (at !== -1 && out.length < MAX_RANGES) {
          out.push([at, at + needle.length]);
          at = haystack.indexOf(needle, at + needle.length);
        }
        return out;
      },
    },
  };
}

/** An entry matches when its head or any of its continuation lines does. */
export function entryMatches(entry: LogEntry, matcher: Matcher): boolean {
  if (matcher.test(entry.head.plain) || matcher.test(entry.head.container)) return true;
  return entry.rest.some((line) => matcher.test(line.plain));
}
