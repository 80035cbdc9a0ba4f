import { SESSION_COOKIE, readCookie } from '@/lib/server/auth/sessions';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { sessionTokens } from '@/lib/server/live-metrics/webtransport-registry';

export const dynamic = 'force-dynamic';

/**
 * A single-use token, valid for 30 s, that a signed-in page puts in its WebTransport session URL: the
 * browser sends no cookie to the UDP listener. Bound to this browser session: signing out voids it.
 */
export function POST(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const session = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (auth.principal.via !== 'session' || !session) {
    return jsonError(403, 'Live metrics are for signed-in users; API keys get no session token.');
  }
  const { token, expiresAt } = sessionTokens().issue(auth.principal.user, session);
  return Response.json(
    { ok: true, token, expiresAt: new Date(expiresAt).toISOString() },
    { status: 201, headers: { 'Cache-Control': 'no-store' } },
  );
}
