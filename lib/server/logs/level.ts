import 'server-only';
import type { LogLevel } from './types';

/** Level names as applications spell them, lower-cased, mapped onto Signalboard's levels. */
const WORDS: Record<string, LogLevel> = {
  trace: 'trace',
  trc: 'trace',
  finest: 'trace',
  debug: 'debug',
  dbg: 'debug',
  verbose: 'debug',
  fine: 'debug',
  finer: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  log: 'info',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  error: 'error',
  err: 'error',
  severe: 'error',
  fatal: 'fatal',
  ftl: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  panic: 'fatal',
};

/** JSON keys that carry a level: common loggers (pino, bunyan, zap, logrus, structlog, ECS, Serilog, GCP). */
const JSON_KEYS = ['level', 'lvl', 'severity', 'levelname', 'loglevel', 'log.level', '@l', 'severityText'];

/** pino and bunyan number their levels 10 (trace) to 60 (fatal). */
function fromNumber(value: number): LogLevel | null {
  if (value >= 60) return 'fatal';
  if (value >= 50) return 'error';
  if (value >= 40) return 'warn';
  if (value >= 30) return 'info';
  if (value >= 20) return 'debug';
  if (value >= 10) return 'trace';
  return null;
}

/** A level from a word such as "WARNING", "err" or "Information"; null when it is not one. */
export function levelFromWord(word: string): LogLevel | null {
  return WORDS[word.trim().toLowerCase()] ?? null;
}

function fromJson(line: string): LogLevel | null {
  if (line.length > 65_536) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  for (const key of JSON_KEYS) {
    let field = record[key];
    if (field === undefined && key === 'log.level') {
      const log = record.log;
      field = typeof log === 'object' && log !== null ? (log as Record<string, unknown>).level : undefined;
    }
    if (typeof field === 'string') {
      const level = levelFromWord(field);
      if (level) return level;
    } else if (typeof field === 'number') {
      const level = fromNumber(field);
      if (level) return level;
    }
  }
  // Serilog's compact format leaves the level out for Information.
  if (typeof record['@mt'] === 'string' || typeof record['@m'] === 'string') return 'info';
  return null;
}

const LOGFMT = /(?:^|\s)(?:level|lvl|severity)=("?)([A-Za-z]+)\1(?=\s|$)/;
/** klog/glog: `E1125 10:00:00.000000 …` (Kubernetes components, many Go programs). */
const GLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d/;
/** An upper-case level word standing alone near the start: `ERROR`, `[WARN]`, `FATAL:`, `<INFO>`. */
const UPPER_WORD =
  /(?:^|[\s[(<|:])(TRACE|DEBUG|DBG|INFO|INF|NOTICE|WARN|WARNING|WRN|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERG|PANIC)(?=[\s\])>|:,.-]|$)/;
/** nginx, Apache and PHP write the level lower-case inside brackets: `[error]`, `[warn]`, `[notice]`. */
const BRACKETED = /\[(trace|debug|info|notice|warn|warning|error|crit|alert|emerg|fatal)\]/i;
/** The head of a stack trace: `TypeError: …`, `java.io.IOException: …`, `ConnectionResetError: […]`. */
const EXCEPTION_HEAD = /^(?:[\w$]+\.)*(?:[A-Z][\w$]*)?(?:Error|Exception)(?::\s|$)/;
/** PostgreSQL: `LOG:  …`, `ERROR:  …`, `FATAL:  …` (after its own prefix). */
const POSTGRES_LOG = /(?:^|\s)LOG:\s/;

/** How far into a line a level word still counts: beyond it, "ERROR" is more likely in the message. */
const HEAD_CHARS = 120;

/**
 * The level of a log line, from structured fields first (JSON, logfmt), then the conventions of
 * common loggers; `unknown` when nothing says. `text` must already be free of ANSI escapes.
 */
export function detectLevel(text: string): LogLevel {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const level = fromJson(trimmed);
    if (level) return level;
  }
  const head = trimmed.length > HEAD_CHARS ? trimmed.slice(0, HEAD_CHARS) : trimmed;
  const logfmt = LOGFMT.exec(head);
  if (logfmt?.[2]) {
    const level = levelFromWord(logfmt[2]);
    if (level) return level;
  }
  const glog = GLOG.exec(head);
  if (glog) return ({ I: 'info', W: 'warn', E: 'error', F: 'fatal' } as const)[glog[1] as 'I'];
  const upper = UPPER_WORD.exec(head);
  if (upper?.[1]) return levelFromWord(upper[1]) ?? 'unknown';
  const bracketed = BRACKETED.exec(head);
  if (bracketed?.[1]) return levelFromWord(bracketed[1]) ?? 'unknown';
  if (POSTGRES_LOG.test(head)) return 'info';
  if (
    EXCEPTION_HEAD.test(head) ||
    head.startsWith('Traceback (most recent call last)') ||
    head.startsWith('Exception in thread')
  ) {
    return 'error';
  }
  if (head.startsWith('panic: ')) return 'fatal';
  return 'unknown';
}
