import 'server-only';
import { z } from 'zod';
import type { Principal } from '../auth/request-auth';
import { hasRole } from '../auth/roles';
import { readJson } from '../http/body';
import { jsonError } from '../http/route-auth';
import type { ManageResult } from './manage';
import { publicMonitorsChanged } from './public-stream';
import { toView, type MonitorRecord } from './store';

/** Helpers shared by the monitor route handlers, so that each handler stays a few lines. */

export function parseId(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

export const anyObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });

/** A JSON object body or the error response (413/415/400/422). */
export async function readObject(request: Request): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; response: Response }> {
  const body = await readJson(request, anyObject);
  if (!body.ok) return { ok: false, response: jsonError(body.status, body.error) };
  return { ok: true, value: body.value };
}

/**
 * A monitor as the caller may see it: operators also get the definition (it may hold request headers
 * with credentials) and, for push monitors, the secret push path.
 */
export function monitorFor(principal: Principal, monitor: MonitorRecord) {
  if (!hasRole(principal.user.role, 'operator')) return toView(monitor);
  return {
    ...toView(monitor),
    definition: monitor.definition,
    ...(monitor.pushToken ? { pushPath: `/api/push/${monitor.pushToken}` } : {}),
  };
}

/** The response of a create or edit: the monitor, or the error with `fields` for the form. */
export function manageResponse(principal: Principal, result: ManageResult, createdStatus = 200): Response {
  if (!result.ok) {
    return Response.json(
      { ok: false, error: result.error, ...(result.fields ? { fields: result.fields } : {}) },
      { status: result.status, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  publicMonitorsChanged();
  return Response.json({ ok: true, monitor: monitorFor(principal, result.monitor) }, { status: createdStatus });
}
