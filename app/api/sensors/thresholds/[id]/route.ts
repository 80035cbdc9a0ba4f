import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { removeThreshold } from '@/lib/server/sensors/thresholds';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Removes a threshold (operator). */
export async function DELETE(request: Request, { params }: Params) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) return jsonError(400, 'Threshold id must be a number.');
  if (!removeThreshold(getDb(), Number(id))) return jsonError(404, `No threshold with id ${id}.`);
  return Response.json({ ok: true });
}
