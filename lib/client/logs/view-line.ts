/**
 * The browser's model of log lines: a line as the views need it, and entries — a line plus the
 * continuation lines that belong to it (stack traces, tracebacks), grouped as they arrive.
 */
import type { EventData, LOG_LEVELS } from '../../events';
import { stripAnsi } from './ansi';

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ViewLine {
  id: number;
  container: string;
  source: 'docker' | 'push';
  stream: 'stdout' | 'stderr';
  level: LogLevel;
  /** When the line was written, ms since the epoch. */
  time: number;
  /** As received, ANSI escapes included (rendered as colours). */
  line: string;
  /** Without escapes: what filters match and downloads contain. */
  plain: string;
  truncated: boolean;
  /** Client clock at arrival: live rows get a brief highlight, old ones never. */
  arrivedAt: number;
}

/** One row of the list: a head line and the lines that continue it. */
export interface LogEntry {
  key: number;
  head: ViewLine;
  rest: ViewLine[];
  /** Parsed JSON of the head, once asked for: an object, or null when it is not JSON. */
  json?: Record<string, unknown> | null;
}

export function toViewLine(id: number, data: EventData<'log-line'>, arrivedAt = 0): ViewLine {
  return {
    id,
    container: data.container,
    source: data.source,
    stream: data.stream,
    level: data.level,
    time: data.time,
    line: data.line,
    plain: stripAnsi(data.line),
    truncated: data.truncated === true,
    arrivedAt,
  };
}

/** A continuation belongs to the entry before it when it comes this soon after (ms). */
const GROUP_WINDOW_MS = 2_000;
const MAX_GROUP = 500;
/** Indented lines (`    at …`, `  File "…"`, tab-indented Go frames), `Caused by:`, `... 12 more`. */
const CONTINUATION = /^(?:[ \t]+\S|Caused by: |\.\.\. \d+ more|goroutine \d+ \[)/;
/** The last line of a Python traceback: `ValueError: …`, unindented, after the frames. */
const EXCEPTION_LINE = /^[\w.]+(?:Error|Exception|Exit|Interrupt|Warning)\b/;

/** True when `line` continues `entry` (same container, soon after, shaped like a continuation). */
export function continues(entry: LogEntry, line: ViewLine): boolean {
  const last = entry.rest.at(-1) ?? entry.head;
  if (last.container !== line.container || entry.rest.length >= MAX_GROUP) return false;
  if (line.time - last.time > GROUP_WINDOW_MS || line.time < entry.head.time) return false;
  if (CONTINUATION.test(line.plain)) return true;
  // Python prints the exception after the frames; it closes the traceback.
  const traceback =
    entry.head.plain.startsWith('Traceback') || entry.rest.some((l) => l.plain.startsWith('Traceback'));
  return traceback && EXCEPTION_LINE.test(line.plain) && !EXCEPTION_LINE.test(last.plain);
}

/** The head's JSON object, parsed once and cached on the entry. */
export function entryJson(entry: LogEntry): Record<string, unknown> | null {
  if (entry.json !== undefined) return entry.json;
  const text = entry.head.plain.trim();
  let json: Record<string, unknown> | null = null;
  if (text.startsWith('{') && text.endsWith('}') && text.length < 100_000) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        json = value as Record<string, unknown>;
    } catch {
      json = null;
    }
  }
  entry.json = json;
  return json;
}

/** Rows an entry takes: its head, plus its continuation lines or its pretty JSON when expanded. */
export function entryRows(entry: LogEntry, expanded: boolean): number {
  if (!expanded) return 1;
  if (entry.rest.length > 0) return 1 + entry.rest.length;
  const json = entryJson(entry);
  return json ? 1 + prettyJson(json).length : 1;
}

const prettyCache = new WeakMap<object, string[]>();

/** Pretty-printed JSON, one string per row. */
export function prettyJson(json: Record<string, unknown>): string[] {
  let lines = prettyCache.get(json);
  if (!lines) prettyCache.set(json, (lines = JSON.stringify(json, null, 2).split('\n')));
  return lines;
}

/** True when an entry can be expanded (a group, or a JSON line). */
export function expandable(entry: LogEntry): boolean {
  return entry.rest.length > 0 || entryJson(entry) !== null;
}
