import { z } from 'zod';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { listDeploys } from '@/lib/server/deploys/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({
  service: z.string().max(200).optional(),
  environment: z.string().max(200).optional(),
  status: z.enum(['queued', 'running', 'success', 'failure', 'cancelled']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Deploy history, newest first, filtered by service, environment and status; page with `before`. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return jsonError(400, describeIssues(params.error));
  const deploys = listDeploys(getDb(), params.data);
  return Response.json({ ok: true, deploys });
}
