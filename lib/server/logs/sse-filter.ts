import 'server-only';
import { LOG_LEVELS, type AnyEnvelope } from '../../events';
import type { StreamFilter, StreamLimit } from '../sse/hub';
import { compilePattern } from './pattern';
import { stripAnsi } from './plain-text';
import type { LogLevel } from './types';

/** What the replay source of the logs stream needs to filter in SQL (see replay.ts). */
export interface LogReplayHint {
  containers: string[] | null;
  levels: LogLevel[] | null;
  /** Set by the replay source on its first page: where this connection's replay starts. */
  floor?: number;
}

export type LogStreamParams =
  | { ok: true; filter: StreamFilter | null; limit: StreamLimit | null | undefined }
  | { ok: false; status: 400; error: string };

const MAX_CONTAINERS = 100;
/** The most a connection may ask for; `logRate=all` lifts the limit altogether. */
const MAX_RATE = 1_000_000;

function list(raw: string | null): string[] | null {
  if (raw === null) return null;
  const items = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return items.length ? items : null;
}

/**
 * The logs stream's own query parameters on /api/events, so that a browser receives only what it
 * shows: `container=a,b`, `level=warn,error`, `q=<regex>` (case-insensitive, against the text
 * without ANSI escapes) and `logRate=<lines per second>|all` (default: the hub's, 1,000/s).
 */
export function parseLogStreamParams(query: URLSearchParams): LogStreamParams {
  const containers = list(query.get('container'));
  if (containers && containers.length > MAX_CONTAINERS) {
    return { ok: false, status: 400, error: `container: at most ${MAX_CONTAINERS} names.` };
  }
  if (containers?.some((c) => c.length > 200)) {
    return { ok: false, status: 400, error: 'container: a name is longer than 200 characters.' };
  }
  const levelNames = list(query.get('level'));
  const unknown = levelNames?.filter((l) => !(LOG_LEVELS as readonly string[]).includes(l)) ?? [];
  if (unknown.length > 0) {
    return {
      ok: false,
      status: 400,
      error: `level: unknown level "${unknown[0]!.slice(0, 40)}". Valid levels: ${LOG_LEVELS.join(', ')}.`,
    };
  }
  const levels = levelNames as LogLevel[] | null;
  const q = query.get('q');
  let pattern: RegExp | null = null;
  if (q !== null && q !== '') {
    const compiled = compilePattern(q, 'q');
    if (!compiled.ok) return { ok: false, status: 400, error: compiled.error };
    pattern = compiled.regex;
  }
  let limit: StreamLimit | null | undefined;
  const rate = query.get('logRate');
  if (rate !== null && rate !== '') {
    if (rate === 'all') limit = null;
    else if (/^\d{1,7}$/.test(rate) && Number(rate) >= 1 && Number(rate) <= MAX_RATE) {
      limit = { perSecond: Number(rate), burst: Number(rate) * 2 };
    } else {
      return { ok: false, status: 400, error: `logRate: lines per second from 1 to ${MAX_RATE}, or "all".` };
    }
  }
  const filter = containers || levels || pattern ? logFilter(containers, levels, pattern) : null;
  return { ok: true, filter, limit };
}

function logFilter(
  containers: string[] | null,
  levels: LogLevel[] | null,
  pattern: RegExp | null,
): StreamFilter {
  const names = containers ? new Set(containers) : null;
  const wanted = levels ? new Set(levels) : null;
  const accept: StreamFilter = (event: AnyEnvelope) => {
    if (event.type !== 'log-line') return true;
    const { container, level, line } = event.data;
    if (names && !names.has(container)) return false;
    if (wanted && !wanted.has(level)) return false;
    return pattern ? pattern.test(stripAnsi(line)) : true;
  };
  const hint: LogReplayHint = { containers, levels };
  accept.replayHint = hint;
  return accept;
}
