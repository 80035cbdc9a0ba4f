/**
 * The sensors and devices API as the browser calls it. Every answer is validated; an expected
 * failure (network, 4xx, a body that does not parse) is a value with words for the user.
 */
import { z } from 'zod';
import type { SensorRange } from '../../events/sensor-ranges';
import {
  overviewSchema,
  seriesResultSchema,
  thresholdSchema,
  type SensorsOverviewView,
  type SeriesResultView,
  type ThresholdView,
} from './sensor-schemas';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number | null; error: string };

async function call<S extends z.ZodType>(
  url: string,
  schema: S,
  init: RequestInit = {},
): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(url, {
      cache: 'no-store',
      credentials: 'same-origin',
      ...init,
      headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { ok: false, status: null, error: 'The server could not be reached.' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = (body as { error?: unknown } | null)?.error;
    return {
      ok: false,
      status: response.status,
      error: typeof reason === 'string' ? reason : `HTTP ${response.status}`,
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      status: response.status,
      error: 'The server sent data this page does not understand.',
    };
  return { ok: true, value: parsed.data };
}

export function fetchOverview(signal?: AbortSignal): Promise<ApiResult<SensorsOverviewView>> {
  return call('/api/sensors', overviewSchema, { signal });
}

export function fetchSeries(
  filter: string,
  range: SensorRange,
  signal?: AbortSignal,
): Promise<ApiResult<SeriesResultView>> {
  const query = new URLSearchParams({ filter, range });
  return call(`/api/sensors/series?${query.toString()}`, seriesResultSchema, { signal });
}

export async function addThreshold(
  input: Omit<ThresholdView, 'id' | 'createdAt'>,
): Promise<ApiResult<ThresholdView>> {
  const result = await call('/api/sensors/thresholds', z.object({ threshold: thresholdSchema }), {
    method: 'POST',
    body: JSON.stringify(input),
  });
  return result.ok ? { ok: true, value: result.value.threshold } : result;
}

export function removeThreshold(id: number): Promise<ApiResult<unknown>> {
  return call(`/api/sensors/thresholds/${id}`, z.unknown(), { method: 'DELETE' });
}

const passwordSchema = z.object({ password: z.string() });

export async function createDevice(input: { id: string; topicPrefix: string }): Promise<ApiResult<string>> {
  const result = await call('/api/devices', passwordSchema, { method: 'POST', body: JSON.stringify(input) });
  return result.ok ? { ok: true, value: result.value.password } : result;
}

export async function rotateDevice(id: string): Promise<ApiResult<string>> {
  const result = await call(`/api/devices/${encodeURIComponent(id)}/rotate`, passwordSchema, {
    method: 'POST',
  });
  return result.ok ? { ok: true, value: result.value.password } : result;
}

export function revokeDevice(id: string): Promise<ApiResult<unknown>> {
  return call(`/api/devices/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' });
}
