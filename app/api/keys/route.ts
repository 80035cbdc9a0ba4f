import { createApiKey, listApiKeys, newApiKeySchema } from '@/lib/server/auth/api-keys';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** API keys for automation (admin only). Keys are shown once, at creation. */
export function GET(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, keys: listApiKeys(getDb()) });
}

export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newApiKeySchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const createdBy = auth.principal.user.id > 0 ? auth.principal.user.id : null;
  const { key, info } = createApiKey(getDb(), body.value, createdBy);
  return Response.json({ ok: true, key, info }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
}
