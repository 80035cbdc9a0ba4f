import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { listIncidents, notesOf } from '@/lib/server/monitors/incidents';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('all'),
  monitorId: z.coerce.number().int().positive().optional(),
  /** Incidents overlapping [from, to), epoch ms. */
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Incidents, newest first, with their notes; filter by state, monitor and time range. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return jsonError(400, describeIssues(q.error));
  const db = getDb();
  const incidents = listIncidents(db, q.data);
  const notes = notesOf(db, incidents.map((i) => i.id));
  return Response.json(
    { ok: true, incidents: incidents.map((i) => ({ ...i, notes: notes.filter((n) => n.incidentId === i.id) })) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
