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
