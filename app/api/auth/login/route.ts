import { login, loginSchema } from '@/lib/server/auth/login';
import { sessionCookie } from '@/lib/server/auth/sessions';
import { readJson } from '@/lib/server/http/body';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/http/client-address';
import { isSecure, jsonError } from '@/lib/server/http/route-auth';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** `{ username, password }` → session cookie. The same 401 for an unknown user and a wrong password. */
export async function POST(request: Request) {
  const body = await readJson(request, loginSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  const result = await login(getDb(), body.value, address);
  if (!result.ok) {
    const headers: Record<string, string> = {};
    if (result.retryAfterMs) headers['Retry-After'] = String(Math.ceil(result.retryAfterMs / 1000));
    return jsonError(result.status, result.error, headers);
  }
  return Response.json(
    { ok: true, user: result.user },
    {
      headers: {
        'Set-Cookie': sessionCookie(result.token, result.expiresAt - Date.now(), isSecure(request)),
        'Cache-Control': 'no-store',
      },
    },
  );
}
