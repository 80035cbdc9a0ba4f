/**
 * The deploy REST API as the browser calls it. Every answer is validated; an expected failure
 * (network, 404, a body that does not parse) is a value with words for the user, never a throw.
 */
import type { ServiceStats } from '@/lib/server/deploys/store';
import type { z } from 'zod';
import { deployDetailSchema, deployStatsSchema, type DeployDetail } from './deploy-schemas';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number | null; error: string };

async function getJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', signal });
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
      error: typeof reason === 'string' ? reason : `The server answered HTTP ${response.status}.`,
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

/** `GET /api/deploys/:id`: the deploy, its steps and its status changes. */
export function fetchDeployDetail(id: string, signal?: AbortSignal): Promise<ApiResult<DeployDetail>> {
  return getJson(`/api/deploys/${encodeURIComponent(id)}`, deployDetailSchema, signal);
}

/** `GET /api/deploys/stats?days=`: duration and failure rate per service. */
export async function fetchDeployStats(
  days: number,
  signal?: AbortSignal,
): Promise<ApiResult<ServiceStats[]>> {
  const result = await getJson(`/api/deploys/stats?days=${days}`, deployStatsSchema, signal);
  return result.ok ? { ok: true, value: result.value.services } : result;
}
