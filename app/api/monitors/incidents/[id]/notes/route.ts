import { z } from 'zod';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { addNote, getIncident } from '@/lib/server/monitors/incidents';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const noteSchema = z.strictObject({
  text: z.string().trim().min(1, 'is required').max(2000, 'must be at most 2000 characters'),
  /** Public notes show on the status page ("We are investigating…"). */
  public: z.boolean().default(false),
});

/** An operator's note on an incident. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const db = getDb();
  if (id === null || !getIncident(db, id)) return jsonError(404, 'No such incident.');
  const body = await readJson(request, noteSchema);
  if (!body.ok) return jsonError(body.status, body.error);
  const note = addNote(db, id, { author: auth.principal.user.username, ...body.value });
  return Response.json({ ok: true, note }, { status: 201 });
}
