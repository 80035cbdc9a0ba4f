import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { recentRejections, rejectionCounts } from '@/lib/server/sensors/rejections';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Messages that were not stored: counts by reason since the start, and the latest with their detail. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return jsonError(400, describeIssues(params.error));
  const db = getDb();
  return Response.json({
    ok: true,
    counts: rejectionCounts(db),
    recent: recentRejections(db, params.data.limit),
  });
}
