import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { getIncident, notesOf } from '@/lib/server/monitors/incidents';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** One incident with its notes. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const db = getDb();
  const incident = id === null ? undefined : getIncident(db, id);
  if (!incident) return jsonError(404, 'No such incident.');
  return Response.json({ ok: true, incident: { ...incident, notes: notesOf(db, [incident.id]) } });
}
