import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { manageResponse, readObject } from '@/lib/server/monitors/api';
import { createMonitor } from '@/lib/server/monitors/manage';
import { monitorSummaries } from '@/lib/server/monitors/views';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Every monitor with status, since when, uptime (24 h, 7 d, 30 d) and its last response times. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const monitors = monitorSummaries(getDb());
  const down = monitors.filter((m) => m.status === 'down' && !m.paused).length;
  return Response.json({ ok: true, down, monitors }, { headers: { 'Cache-Control': 'no-store' } });
}

/** Creates a monitor (see the README for the fields); 422 with `fields` naming each bad field. */
export async function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const body = await readObject(request);
  if (!body.ok) return body.response;
  if (body.value.paused !== undefined) return jsonError(422, 'paused: create the monitor, then PATCH { "paused": true }');
  return manageResponse(auth.principal, createMonitor(getDb(), body.value), 201);
}
