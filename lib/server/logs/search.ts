import 'server-only';
import type { Db } from '../store';
import { LEVEL_BY_CODE, LEVEL_CODE, PROBLEM_LEVEL_CODE, SOURCE_BY_CODE, STREAM_BY_CODE } from './codes';
import { toFtsQuery } from './fts-query';
import { stripAnsi } from './plain-text';
import type { LogLevel, LogLine } from './types';

export interface LogQuery {
  /** Words to find (full-text; see fts-query.ts). */
  text?: string | null;
  /** A pattern every line must match (tested in JS on the text without ANSI escapes). */
  regex?: RegExp | null;
  levels?: readonly LogLevel[] | null;
  /** Container ids (see containerIdsByName). */
  containerIds?: readonly number[] | null;
  /** Line time bounds, ms since the epoch, inclusive. */
  from?: number | null;
  to?: number | null;
  /** Only lines with an id below this (the `next` of the previous page). */
  before?: number | null;
  /** Only lines with an id above this. */
  after?: number | null;
  limit: number;
  /** Oldest first (replay, catching up after a gap): `next` is then the `after` of the next page. */
  ascending?: boolean;
}

export interface LogPage {
  /** Newest first (oldest first when ascending). */
  lines: LogLine[];
  /** Pass as `before` (or `after`, ascending) for the next page; null when there is nothing more. */
  next: number | null;
  /** Rows looked at for a pattern search (bounded per request). */
  scanned: number;
}

/** Rows a pattern search looks at per request; the rest is the next page's (keeps a request short). */
export const PATTERN_SCAN_BUDGET = 200_000;

interface Row {
  id: number;
  container: string;
  time: number;
  level: number;
  stream: number;
  source: number;
  truncated: number;
  line: string;
}

function toLine(row: Row): LogLine {
  const line: LogLine = {
    id: row.id,
    source: SOURCE_BY_CODE[row.source] ?? 'push',
    container: row.container,
    stream: STREAM_BY_CODE[row.stream] ?? 'stdout',
    level: LEVEL_BY_CODE[row.level] ?? 'unknown',
    time: row.time,
    line: row.line,
  };
  if (row.truncated) line.truncated = true;
  return line;
}

/** Container ids by name; names missing from the result are unknown. */
export function containerIdsByName(db: Db, names: readonly string[]): Map<string, number> {
  if (names.length === 0) return new Map();
  const rows = db
    .prepare(`SELECT name, id FROM log_containers WHERE name IN (${names.map(() => '?').join(',')})`)
    .all(...names) as { name: string; id: number }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * One page of history, newest first (by id: the order lines arrived in). Text goes through the
 * full-text index; a pattern is tested on each candidate, looking at most PATTERN_SCAN_BUDGET rows
 * per page so that a rare pattern never holds the server: the page then says where to go on.
 */
export function searchLogs(db: Db, query: LogQuery): LogPage {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const direction = query.ascending ? 'ASC' : 'DESC';
  let from = 'log_lines l';
  let order = `l.id ${direction}`;
  if (query.text) {
    const fts = toFtsQuery(query.text);
    if (fts === null) return { lines: [], next: null, scanned: 0 };
    from = 'log_fts JOIN log_lines l ON l.id = log_fts.rowid';
    where.push('log_fts MATCH ?');
    args.push(fts);
    order = `log_fts.rowid ${direction}`;
  }
  if (query.before != null) {
    where.push('l.id < ?');
    args.push(query.before);
  }
  if (query.after != null) {
    where.push('l.id > ?');
    args.push(query.after);
  }
  if (query.containerIds?.length) {
    where.push(`l.container_id IN (${query.containerIds.map(() => '?').join(',')})`);
    args.push(...query.containerIds);
  }
  if (query.levels?.length) {
    const codes = query.levels.map((l) => LEVEL_CODE[l]);
    // Spelled out so that SQLite can use the partial index of warnings and worse.
    if (codes.every((c) => c >= PROBLEM_LEVEL_CODE)) where.push(`l.level >= ${PROBLEM_LEVEL_CODE}`);
    where.push(`l.level IN (${codes.join(',')})`);
  }
  if (query.from != null) {
    where.push('l.time >= ?');
    args.push(query.from);
  }
  if (query.to != null) {
    where.push('l.time <= ?');
    args.push(query.to);
  }
  const sql = `SELECT l.id, c.name AS container, l.time, l.level, l.stream, l.source, l.truncated, l.line
    FROM ${from} JOIN log_containers c ON c.id = l.container_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
  const limit = Math.max(1, Math.floor(query.limit));

  if (!query.regex) {
    const rows = db.prepare(`${sql} LIMIT ?`).all(...args, limit) as Row[];
    return {
      lines: rows.map(toLine),
      next: rows.length === limit ? rows.at(-1)!.id : null,
      scanned: rows.length,
    };
  }

  const regex = query.regex;
  const lines: LogLine[] = [];
  let scanned = 0;
  for (const row of db.prepare(sql).iterate(...args) as IterableIterator<Row>) {
    scanned++;
    if (regex.test(stripAnsi(row.line))) lines.push(toLine(row));
    if (lines.length >= limit || scanned >= PATTERN_SCAN_BUDGET) return { lines, next: row.id, scanned };
  }
  return { lines, next: null, scanned };
}

/** The lines of the same container around one line: `before` older ones, the line, `after` newer ones. */
export function lineContext(db: Db, id: number, before: number, after: number): LogLine[] | null {
  const anchor = db.prepare('SELECT container_id FROM log_lines WHERE id = ?').pluck().get(id) as
    number | undefined;
  if (anchor === undefined) return null;
  const select = `SELECT l.id, c.name AS container, l.time, l.level, l.stream, l.source, l.truncated, l.line
    FROM log_lines l JOIN log_containers c ON c.id = l.container_id WHERE l.container_id = ?`;
  const older = db
    .prepare(`${select} AND l.id <= ? ORDER BY l.id DESC LIMIT ?`)
    .all(anchor, id, before + 1) as Row[];
  const newer = db.prepare(`${select} AND l.id > ? ORDER BY l.id LIMIT ?`).all(anchor, id, after) as Row[];
  return [...older.reverse(), ...newer].map(toLine);
}
