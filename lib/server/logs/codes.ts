import 'server-only';
import type { LogLevel, LogSource, LogStream } from './types';

/**
 * How levels, streams and sources are stored (small integers: a log table holds millions of rows).
 * Levels are ordered so that `level >= 4` means warn or worse (see the partial index in migration 9).
 */
export const LEVEL_CODE: Readonly<Record<LogLevel, number>> = {
  unknown: 0,
  trace: 1,
  debug: 2,
  info: 3,
  warn: 4,
  error: 5,
  fatal: 6,
};
export const LEVEL_BY_CODE: readonly LogLevel[] = [
  'unknown',
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
];
/** The smallest level code covered by the partial index `log_lines_problems`. */
export const PROBLEM_LEVEL_CODE = 4;

export const STREAM_CODE: Readonly<Record<LogStream, number>> = { stdout: 0, stderr: 1 };
export const STREAM_BY_CODE: readonly LogStream[] = ['stdout', 'stderr'];

export const SOURCE_CODE: Readonly<Record<LogSource, number>> = { docker: 0, push: 1 };
export const SOURCE_BY_CODE: readonly LogSource[] = ['docker', 'push'];
