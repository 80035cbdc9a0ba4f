import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { manageResponse, monitorFor, parseId, readObject } from '@/lib/server/monitors/api';
import { editMonitor, removeMonitor } from '@/lib/server/monitors/manage';
import { publicMonitorsChanged } from '@/lib/server/monitors/public-stream';
import { monitorDetail } from '@/lib/server/monitors/views';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

/** One monitor with its uptime figures, last checks, incidents (with notes) and maintenance. */
export async function GET(request: Request, { params }: Context) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const detail = id === null ? null : monitorDetail(getDb(), id);
  if (!detail) return jsonError(404, 'No such monitor.');
  return Response.json({ ok: true, ...detail, monitor: monitorFor(auth.principal, detail.monitor) }, { headers: { 'Cache-Control': 'no-store' } });
}

/** Changes any field(s), re-validated as a whole; `{ "paused": true | false }` pauses or resumes. */
export async function PATCH(request: Request, { params }: Context) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  if (id === null) return jsonError(404, 'No such monitor.');
  const body = await readObject(request);
  if (!body.ok) return body.response;
  if (body.value.paused !== undefined && typeof body.value.paused !== 'boolean') {
    return Response.json({ ok: false, error: 'paused: must be true or false', fields: { paused: 'must be true or false' } }, { status: 422 });
  }
  return manageResponse(auth.principal, editMonitor(getDb(), id, body.value));
}

/** Deletes the monitor with its history and incidents. */
export async function DELETE(request: Request, { params }: Context) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  if (id === null || !removeMonitor(getDb(), id)) return jsonError(404, 'No such monitor.');
  publicMonitorsChanged();
  return Response.json({ ok: true });
}
