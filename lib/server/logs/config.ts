import 'server-only';
import { z } from 'zod';
import { EnvError } from '../../env';

/**
 * The log feature's own settings, read once from the environment like lib/env.ts (which owns the
 * variables every part shares, DOCKER_HOST and LOKI_PUSH_TOKEN among them). A bad value stops the
 * start with a message naming the variable.
 */
const whole = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

export const logsEnvSchema = z.object({
  /** Hours of log lines kept for search; older lines are pruned every minute. */
  LOG_RETENTION_HOURS: whole(1, 24 * 365, 72),
  /** Upper bound on stored lines, whatever their age: the oldest go first. */
  LOG_MAX_LINES: whole(10_000, 1_000_000_000, 5_000_000),
  /** Characters kept of one line; longer lines are cut and marked `truncated`. */
  LOG_LINE_MAX_CHARS: whole(200, 10_000, 8_192),
  /** Recent lines kept in memory per container, for the first paint of a tail. */
  LOG_RECENT_PER_CONTAINER: whole(100, 100_000, 2_000),
  /** Lines taken from a container's past the first time it is seen (later: everything since the last line). */
  LOG_DOCKER_BACKFILL_LINES: whole(0, 100_000, 1_000),
  /** `off` leaves the Docker engine alone (push only). */
  LOG_DOCKER: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
});

export type LogsEnv = z.infer<typeof logsEnvSchema>;

/** Parses the log settings; throws an EnvError naming every bad variable. */
export function parseLogsEnv(source: Record<string, string | undefined>): LogsEnv {
  const result = logsEnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      return `${name} ${issue.message} (got "${source[name] ?? ''}")`;
    }),
  );
}

const KEY = Symbol.for('signalboard.logs-env');
type Holder = { [KEY]?: LogsEnv };

/** The log settings of this process, parsed once and shared by every bundle. */
export function logsEnv(): LogsEnv {
  const holder = globalThis as Holder;
  holder[KEY] ??= parseLogsEnv(process.env);
  return holder[KEY];
}
