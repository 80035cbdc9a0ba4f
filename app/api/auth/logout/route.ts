import { SESSION_COOKIE, clearedSessionCookie, deleteSession, readCookie } from '@/lib/server/auth/sessions';
import { isSecure } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Ends the session on the server and clears the cookie. */
export function POST(request: Request) {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) deleteSession(getDb(), token);
  return Response.json(
    { ok: true },
    { headers: { 'Set-Cookie': clearedSessionCookie(isSecure(request)), 'Cache-Control': 'no-store' } },
  );
}
