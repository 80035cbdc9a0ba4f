import 'server-only';
import { detectLevel } from './level';
import { stripAnsi } from './plain-text';
import type { LogLineData, RawLogLine } from './types';

/** A line ready to store: its event data, its text without ANSI escapes (for the index), its cursor. */
export interface PreparedLine {
  data: LogLineData;
  plain: string;
  cursorNs?: bigint;
}

const MAX_NAME = 200;

/** A container or stream name as the event schema accepts it: trimmed, printable, 1–200 characters. */
export function cleanName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f]/g, ' ')
    .trim()
    .slice(0, MAX_NAME)
    .trim();
  return cleaned === '' ? 'unnamed' : cleaned;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Normalises a line from any source: a clean name, no trailing CR, a valid time, the text cut to
 * `maxChars` and marked `truncated` (never dropped), and its level (given, or detected).
 */
export function prepareLine(raw: RawLogLine, maxChars: number): PreparedLine {
  let line = raw.line.endsWith('\r') ? raw.line.slice(0, -1) : raw.line;
  const truncated = line.length > maxChars;
  if (truncated) line = cut(line, maxChars);
  const plain = stripAnsi(line);
  const time = Number.isFinite(raw.time) && raw.time >= 0 ? Math.floor(raw.time) : Date.now();
  const data: LogLineData = {
    source: raw.source,
    container: cleanName(raw.container),
    stream: raw.stream,
    level: raw.level ?? detectLevel(plain),
    time,
    line,
  };
  if (truncated) data.truncated = true;
  const prepared: PreparedLine = { data, plain };
  if (raw.cursorNs !== undefined) prepared.cursorNs = raw.cursorNs;
  return prepared;
}

/** Lines that continue the one before: stack frames, `Caused by:`, `... 12 more`, PostgreSQL's details. */
const CONTINUATION = /^(?:[ \t]+\S|Caused by: |\.\.\. \d+ more)|\b(?:DETAIL|HINT|STATEMENT|CONTEXT|QUERY): {2}/;
const CONTINUATION_WINDOW_MS = 2_000;

/**
 * Gives continuation lines the level of the line they continue (a stack frame has none of its
 * own), so that filtering by level keeps a stack trace whole. Remembers the last level per container.
 */
export class LevelCarry {
  private readonly last = new Map<string, { level: LogLineData['level']; time: number }>();

  apply(prepared: PreparedLine, given: boolean): void {
    const { data } = prepared;
    const previous = this.last.get(data.container);
    if (
      !given &&
      data.level === 'unknown' &&
      previous &&
      previous.level !== 'unknown' &&
      Math.abs(data.time - previous.time) <= CONTINUATION_WINDOW_MS &&
      CONTINUATION.test(prepared.plain)
    ) {
      data.level = previous.level;
    }
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(data.container, { level: data.level, time: data.time });
  }
}
