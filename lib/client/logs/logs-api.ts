/**
 * The log APIs as the browser uses them. Responses are a boundary too: each is checked against a
 * schema, and one that does not match is an error, not data.
 */
import { z } from 'zod';
import { LOG_LEVELS, eventDataSchemas } from '../../events';
import { toViewLine, type LogLevel, type ViewLine } from './view-line';

const logLine = eventDataSchemas['log-line'].extend({ id: z.number().int().positive() });

const engine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disabled'), reason: z.string() }),
  z.object({ kind: z.literal('connecting'), host: z.string(), attempt: z.number() }),
  z.object({
    kind: z.literal('connected'),
    host: z.string(),
    version: z.string(),
    apiVersion: z.string(),
    since: z.number(),
  }),
  z.object({
    kind: z.literal('unreachable'),
    host: z.string(),
    error: z.string(),
    retryAt: z.number(),
    attempt: z.number(),
    since: z.number(),
  }),
]);

const container = z.object({
  name: z.string(),
  source: z.enum(['docker', 'push']),
  state: z.string(),
  status: z.string().nullable(),
  image: z.string().nullable(),
  dockerId: z.string().nullable(),
  following: z.boolean(),
  lines: z.number(),
  errors: z.number(),
  lastLineAt: z.number().nullable(),
});

const activity = z.object({
  minutes: z.array(z.object({ at: z.number(), lines: z.number(), warnings: z.number(), errors: z.number() })),
  linesLast15m: z.number(),
  errorsLast15m: z.number(),
  warningsLast15m: z.number(),
});

const containersResponse = z.object({
  serverTime: z.number(),
  engine,
  containers: z.array(container),
  activity,
  stored: z.number(),
});
const tailResponse = z.object({ lines: z.array(logLine), lastId: z.number() });
const searchResponse = z.object({
  lines: z.array(logLine),
  next: z.number().nullable(),
  scanned: z.number(),
});
const contextResponse = z.object({ lines: z.array(logLine) });

export type EngineState = z.infer<typeof engine>;
export type ContainerInfo = z.infer<typeof container>;
export type LogActivity = z.infer<typeof activity>;
export type ContainersInfo = z.infer<typeof containersResponse>;

/** The `dropped` notice of the SSE stream: lines of a span the server did not send. */
export const droppedNotice = z.object({
  stream: z.string(),
  count: z.number(),
  fromId: z.number().nullable(),
  toId: z.number().nullable(),
  reasons: z.array(z.enum(['slow', 'rate', 'gap'])),
});
export type DroppedNotice = z.infer<typeof droppedNotice>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

async function getJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { ok: false, status: 0, error: 'The server cannot be reached.' };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, status: response.status, error: `Unexpected answer (${response.status}).` };
  }
  if (!response.ok) {
    const error = (body as { error?: unknown })?.error;
    return {
      ok: false,
      status: response.status,
      error: typeof error === 'string' ? error : `Error ${response.status}.`,
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return { ok: false, status: response.status, error: 'Unexpected answer from the server.' };
  return { ok: true, value: parsed.data };
}

const lines = (items: z.infer<typeof logLine>[]): ViewLine[] =>
  items.map(({ id, ...data }) => toViewLine(id, data));

export interface Selection {
  containers: readonly string[] | null;
  levels: readonly LogLevel[] | null;
}

/** Query parameters shared by the tail, the stream and the search. */
export function selectionParams(selection: Selection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.containers?.length) params.set('container', selection.containers.join(','));
  if (selection.levels?.length && selection.levels.length < LOG_LEVELS.length)
    params.set('level', selection.levels.join(','));
  return params;
}

export function fetchContainers(signal?: AbortSignal) {
  return getJson('/api/logs/containers', containersResponse, signal);
}

export async function fetchTail(selection: Selection, limit: number, signal?: AbortSignal) {
  const params = selectionParams(selection);
  params.set('limit', String(limit));
  const result = await getJson(`/api/logs/tail?${params.toString()}`, tailResponse, signal);
  return result.ok
    ? { ...result, value: { lines: lines(result.value.lines), lastId: result.value.lastId } }
    : result;
}

export interface SearchInput extends Selection {
  text: string;
  regex: boolean;
  from: number | null;
  to: number | null;
  before: number | null;
  after: number | null;
  limit: number;
}

export async function searchHistory(input: SearchInput, signal?: AbortSignal) {
  const params = selectionParams(input);
  if (input.text.trim()) params.set(input.regex ? 'regex' : 'q', input.text.trim());
  for (const key of ['from', 'to', 'before', 'after', 'limit'] as const) {
    const value = input[key];
    if (value !== null) params.set(key, String(value));
  }
  const result = await getJson(`/api/logs/search?${params.toString()}`, searchResponse, signal);
  return result.ok ? { ...result, value: { ...result.value, lines: lines(result.value.lines) } } : result;
}

export async function fetchContext(id: number, around: number, signal?: AbortSignal) {
  const result = await getJson(
    `/api/logs/context?id=${id}&before=${around}&after=${around}`,
    contextResponse,
    signal,
  );
  return result.ok ? { ...result, value: lines(result.value.lines) } : result;
}

export async function retryEngine(): Promise<void> {
  await fetch('/api/logs/engine/retry', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
