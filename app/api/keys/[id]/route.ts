import { revokeApiKey } from '@/lib/server/auth/api-keys';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) return jsonError(400, 'Key id must be a number.');
  if (!revokeApiKey(getDb(), Number(id))) return jsonError(404, `No active API key with id ${id}.`);
  return Response.json({ ok: true });
}
