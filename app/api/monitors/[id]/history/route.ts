import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { uptimeFigures } from '@/lib/server/monitors/history';
import { getMonitor } from '@/lib/server/monitors/store';
import { responseSeries } from '@/lib/server/monitors/views';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({ range: z.enum(['24h', '7d', '30d', '90d']).default('24h') });

/** Response times over a range (raw checks for 24 h, hourly or daily averages beyond) and uptime. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const db = getDb();
  if (id === null || !getMonitor(db, id)) return jsonError(404, 'No such monitor.');
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return jsonError(400, describeIssues(q.error));
  return Response.json(
    { ok: true, range: q.data.range, ...responseSeries(db, id, q.data.range), uptime: uptimeFigures(db).get(id) ?? null },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
