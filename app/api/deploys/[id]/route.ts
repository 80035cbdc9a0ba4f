import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { getChanges, getDeploy, getSteps } from '@/lib/server/deploys/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** One deploy with its steps (durations) and every status change as it arrived. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const db = getDb();
  const deploy = getDeploy(db, id);
  if (!deploy) return jsonError(404, `No deploy with id "${id.slice(0, 200)}".`);
  return Response.json({ ok: true, deploy, steps: getSteps(db, id), changes: getChanges(db, id) });
}
