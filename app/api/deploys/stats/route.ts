import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { serviceStats } from '@/lib/server/deploys/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** Duration and failure rate per service over the last `days` days. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return jsonError(400, describeIssues(params.error));
  const since = Date.now() - params.data.days * 24 * 3600 * 1000;
  return Response.json({ ok: true, days: params.data.days, services: serviceStats(getDb(), since) });
}
