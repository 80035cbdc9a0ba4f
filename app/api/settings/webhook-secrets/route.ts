import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';
import { createSecret, listSecrets, newSecretSchema } from '@/lib/server/webhooks/secrets';

export const dynamic = 'force-dynamic';

/** Webhook secrets and push tokens per source (admin). A secret is returned once, when created. */
export function GET(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, secrets: listSecrets(getDb()) });
}

export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newSecretSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const { secret, info } = createSecret(getDb(), body.value);
  return Response.json({ ok: true, secret, info }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
}
