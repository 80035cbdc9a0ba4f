/**
 * The operator interface: every environment variable Signalboard reads, in one zod schema.
 * Read once at start; a bad value stops the start with a message that names the variable.
 */
import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MQTT_PORT: port(1883),
  MQTT_TLS_PORT: port(8883),
  MQTT_TLS_CERT: optionalText,
  MQTT_TLS_KEY: optionalText,
  WT_PORT: port(4433),
  /** A certificate for the WebTransport listener (PEM files); without them a self-signed one, rotated. */
  WT_TLS_CERT: optionalText,
  WT_TLS_KEY: optionalText,
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  DOCKER_HOST: optionalText,
  SIGNALBOARD_ADMIN_PASSWORD: optionalText.pipe(
    z.string().min(8, 'must be at least 8 characters').optional(),
  ),
  SIMULATORS: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  GITHUB_WEBHOOK_SECRET: optionalText,
  GITLAB_WEBHOOK_TOKEN: optionalText,
  DEPLOY_WEBHOOK_SECRET: optionalText,
  LOKI_PUSH_TOKEN: optionalText,
  DEVICES_FILE: optionalText,
  /** Days of deploy history kept (deploys, steps, status changes). */
  DEPLOY_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(3650).default(90),
  MONITORS_FILE: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment; throws an {@link EnvError} naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
    const shown = value === undefined || /SECRET|TOKEN|PASSWORD|KEY/.test(name) ? '' : ` (got "${value}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new EnvError(problems);
}

const ENV_KEY = Symbol.for('signalboard.env');
type EnvHolder = { [ENV_KEY]?: Env };

/** The process environment, parsed once and shared by the server and the route-handler bundles. */
export function env(): Env {
  const holder = globalThis as EnvHolder;
  holder[ENV_KEY] ??= parseEnv(process.env);
  return holder[ENV_KEY];
}
