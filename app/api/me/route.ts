import { requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

/** The signed-in user (or API key) and its role. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, user: auth.principal.user, via: auth.principal.via });
}
