import 'server-only';
import { z } from 'zod';
import { LOG_LEVELS } from '../../events';
import { describeIssues } from '../http/body';
import { compilePattern } from './pattern';
import type { LogLevel } from './types';

const commaList = (max: number, what: string) =>
  z
    .string()
    .max(20_000)
    .transform((raw) => [
      ...new Set(
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z.array(z.string().max(200, `a ${what} is at most 200 characters`)).max(max, `at most ${max} ${what}s`),
    );

/** A time as epoch milliseconds or any date string Date.parse reads (ISO 8601). */
const instant = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO 8601 time' });
      return z.NEVER;
    }
    return value;
  });

const id = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const schema = z.object({
  q: z.string().trim().max(500).optional(),
  regex: z.string().max(500).optional(),
  level: commaList(LOG_LEVELS.length, 'level')
    .pipe(z.array(z.enum(LOG_LEVELS, { error: `valid levels: ${LOG_LEVELS.join(', ')}` })))
    .optional(),
  container: commaList(100, 'container').optional(),
  from: instant.optional(),
  to: instant.optional(),
  before: id.optional(),
  after: id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export interface SearchRequest {
  text: string | null;
  regex: RegExp | null;
  levels: LogLevel[] | null;
  containers: string[] | null;
  from: number | null;
  to: number | null;
  before: number | null;
  after: number | null;
  limit: number;
}

/** Reads /api/logs/search's query; 400 with the reason for anything malformed, an invalid regex included. */
export function parseSearchParams(
  params: URLSearchParams,
): { ok: true; value: SearchRequest } | { ok: false; error: string } {
  const input = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const value = parsed.data;
  let regex: RegExp | null = null;
  if (value.regex) {
    const compiled = compilePattern(value.regex, 'regex');
    if (!compiled.ok) return { ok: false, error: compiled.error };
    regex = compiled.regex;
  }
  if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
    return { ok: false, error: 'from: must not be after to.' };
  }
  return {
    ok: true,
    value: {
      text: value.q || null,
      regex,
      levels: value.level?.length ? value.level : null,
      containers: value.container?.length ? value.container : null,
      from: value.from ?? null,
      to: value.to ?? null,
      before: value.before ?? null,
      after: value.after ?? null,
      limit: value.limit,
    },
  };
}
