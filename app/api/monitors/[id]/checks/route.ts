import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { recentChecks } from '@/lib/server/monitors/history';
import { getMonitor } from '@/lib/server/monitors/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Raw check results, newest first (kept 14 days; older ranges come from the rollups). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const db = getDb();
  if (id === null || !getMonitor(db, id)) return jsonError(404, 'No such monitor.');
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return jsonError(400, describeIssues(q.error));
  return Response.json({ ok: true, checks: recentChecks(db, id, q.data) }, { headers: { 'Cache-Control': 'no-store' } });
}
