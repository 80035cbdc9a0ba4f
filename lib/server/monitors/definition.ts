/**
 * What a monitor is, as the API, the UI and MONITORS_FILE write it, validated with field-level
 * errors: `{ name, type, url | host+port | host+recordType+expected, intervalSeconds, timeoutSeconds,
 * retries, retryIntervalSeconds, public, ...type-specific }`. The timeout must stay below the interval,
 * so a check always ends before the next one is due.
 */
import { z } from 'zod';
import { JSON_PATH_OPERATORS, parseJsonPath } from './json-path';
import { DEFAULT_ACCEPTED, parseStatusRange } from './status-codes';

export const MIN_INTERVAL_SECONDS = 1;
export const MAX_INTERVAL_SECONDS = 24 * 3600;
/** Active checks end within 5 minutes; a push monitor's timeout is how late a beat may be (up to a day). */
export const MAX_TIMEOUT_SECONDS = 300;
export const MAX_PUSH_GRACE_SECONDS = 24 * 3600;
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'CAA', 'PTR'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const;

const hostName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be a host name or an IP address');

const common = {
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  intervalSeconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(MIN_INTERVAL_SECONDS, `must be at least ${MIN_INTERVAL_SECONDS}`)
    .max(MAX_INTERVAL_SECONDS, `must be at most ${MAX_INTERVAL_SECONDS} (a day)`)
    .default(60),
  timeoutSeconds: z
    .number({ error: 'must be a number of seconds' })
    .positive('must be above 0')
    .max(MAX_PUSH_GRACE_SECONDS, `must be at most ${MAX_PUSH_GRACE_SECONDS}`)
    .optional(),
  retries: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(10, 'must be at most 10')
    .default(0),
  retryIntervalSeconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(MIN_INTERVAL_SECONDS, `must be at least ${MIN_INTERVAL_SECONDS}`)
    .max(MAX_INTERVAL_SECONDS)
    .optional(),
  public: z.boolean({ error: 'must be true or false' }).default(false),
};

const httpMonitor = z.strictObject({
  ...common,
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  method: z.enum(HTTP_METHODS).default('GET'),
  acceptedStatusCodes: z
    .array(
      z.string().refine((v) => parseStatusRange(v) !== null, 'must be a code like "200" or a range like "200-299"'),
    )
    .min(1, 'needs at least one code or range')
    .max(20)
    .default([...DEFAULT_ACCEPTED]),
  keyword: z.string().min(1).max(500).optional(),
  invertKeyword: z.boolean().default(false),
  jsonPath: z
    .string()
    .max(300)
    .superRefine((v, ctx) => {
      const parsed = parseJsonPath(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    })
    .optional(),
  jsonPathOperator: z.enum(JSON_PATH_OPERATORS).default('=='),
  expectedValue: z.string().max(500).optional(),
  maxRedirects: z.number().int().min(0).max(20, 'must be at most 20').default(10),
  tlsExpiryWarningDays: z.number().int().min(0).max(365).default(14),
  ignoreTlsErrors: z.boolean().default(false),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024, 'must be at least 1024')
    .max(10 * 1024 * 1024, 'must be at most 10 MiB')
    .default(1024 * 1024),
  headers: z.record(z.string().max(100), z.string().max(2000)).optional(),
});

const tcpMonitor = z.strictObject({
  ...common,
  type: z.literal('tcp'),
  host: hostName,
  port: z.number({ error: 'must be a number' }).int().min(1, 'must be 1–65535').max(65535, 'must be 1–65535'),
});

const dnsMonitor = z.strictObject({
  ...common,
  type: z.literal('dns'),
  host: hostName,
  recordType: z.enum(DNS_RECORD_TYPES).default('A'),
  /** Passes when any answer equals it (case and a trailing dot ignored); absent: any answer passes. */
  expected: z.string().trim().max(500).optional(),
  /** A resolver to ask instead of the system's, "ip" or "ip:port". */
  resolver: z
    .string()
    .trim()
    .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$/, 'must be an IP address, optionally with :port')
    .optional(),
});

const pushMonitor = z.strictObject({
  ...common,
  type: z.literal('push'),
});

const definitionUnion = z.discriminatedUnion(
  'type',
  [httpMonitor, tcpMonitor, dnsMonitor, pushMonitor],
  { error: 'must be one of http, tcp, dns, push (mqtt arrives with the telemetry issue)' },
);

/** A validated definition with its defaults filled in. */
export const monitorDefinitionSchema = definitionUnion.transform((d, ctx) => {
  const timeoutSeconds = d.timeoutSeconds ?? Math.min(30, Math.max(0.5, d.intervalSeconds * 0.8));
  if (d.type !== 'push' && timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    ctx.addIssue({ code: 'custom', path: ['timeoutSeconds'], message: `must be at most ${MAX_TIMEOUT_SECONDS}` });
    return z.NEVER;
  }
  if (timeoutSeconds >= d.intervalSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeoutSeconds'],
      message: `must be below intervalSeconds (${d.intervalSeconds})`,
    });
    return z.NEVER;
  }
  if (d.type === 'http' && d.jsonPath && d.jsonPathOperator !== 'exists' && d.expectedValue === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedValue'], message: 'is required with jsonPath' });
    return z.NEVER;
  }
  return { ...d, timeoutSeconds, retryIntervalSeconds: d.retryIntervalSeconds ?? d.intervalSeconds };
});

export type MonitorDefinitionInput = z.input<typeof definitionUnion>;
export type MonitorDefinition = z.output<typeof monitorDefinitionSchema>;
export type HttpDefinition = Extract<MonitorDefinition, { type: 'http' }>;
export type TcpDefinition = Extract<MonitorDefinition, { type: 'tcp' }>;
export type DnsDefinition = Extract<MonitorDefinition, { type: 'dns' }>;

/** Field → message, for forms; the first issue per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** "url: must be an http:// or https:// URL; timeoutSeconds: must be below intervalSeconds (30)". */
export function describeFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .slice(0, 10)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
}

export type DefinitionResult =
  | { ok: true; definition: MonitorDefinition }
  | { ok: false; error: string; fields: Record<string, string> };

/** The cross-field rule, checked on the raw input too, so a form shows it beside other errors at once. */
function timeoutIssue(input: unknown): string | null {
  const { intervalSeconds, timeoutSeconds } = (input ?? {}) as Record<string, unknown>;
  if (typeof intervalSeconds !== 'number' || typeof timeoutSeconds !== 'number') return null;
  return timeoutSeconds >= intervalSeconds ? `must be below intervalSeconds (${intervalSeconds})` : null;
}

export function parseDefinition(input: unknown): DefinitionResult {
  const result = monitorDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  const fields = fieldErrors(result.error);
  const timeout = timeoutIssue(input);
  if (timeout) fields.timeoutSeconds ??= timeout;
  return { ok: false, error: describeFields(fields), fields };
}

/** The short target line shown in lists. */
export function describeTarget(d: MonitorDefinition): string {
  switch (d.type) {
    case 'http':
      return d.url;
    case 'tcp':
      return `${d.host}:${d.port}`;
    case 'dns':
      return `${d.recordType} ${d.host}${d.expected ? ` = ${d.expected}` : ''}`;
    case 'push':
      return 'push';
  }
}
