import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError } from '@/lib/server/http/route-auth';
import { publicIncidentsOfDay } from '@/lib/server/monitors/status-page';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({
  monitorId: z.coerce.number().int().positive(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD (UTC)'),
});

/** The incidents of one public monitor on one UTC day: what a tapped bar on /status shows. */
export function GET(request: Request) {
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return jsonError(400, describeIssues(q.error));
  const incidents = publicIncidentsOfDay(getDb(), q.data.monitorId, q.data.day);
  if (!incidents) return jsonError(404, 'No public monitor with this id.');
  return Response.json({ ok: true, day: q.data.day, incidents }, { headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=120' } });
}
