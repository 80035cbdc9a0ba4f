import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';
import { revokeSecret } from '@/lib/server/webhooks/secrets';

export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) return jsonError(400, 'Secret id must be a number.');
  if (!revokeSecret(getDb(), Number(id))) return jsonError(404, `No active secret with id ${id}.`);
  return Response.json({ ok: true });
}
