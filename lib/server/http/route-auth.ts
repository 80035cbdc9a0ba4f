import 'server-only';
import { allows, authenticate, type Principal } from '../auth/request-auth';
import type { Role } from '../auth/roles';

/**
 * For route handlers: the caller when it has at least `role`, else the response to return
 * (401 without credentials, 403 with too small a role).
 */
export function requireRole(
  request: Request,
  role: Role,
): { ok: true; principal: Principal } | { ok: false; response: Response } {
  const principal = authenticate(request.headers);
  if (!principal) return { ok: false, response: jsonError(401, 'Sign in or send an API key.') };
  if (!allows(principal, role))
    return { ok: false, response: jsonError(403, `This needs the ${role} role.`) };
  return { ok: true, principal };
}

export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return Response.json(
    { ok: false, error },
    { status, headers: { 'Cache-Control': 'no-store', ...headers } },
  );
}

/** True when the request came over HTTPS (directly or through a proxy that says so). */
export function isSecure(request: Request): boolean {
  return (
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ||
    request.url.startsWith('https:')
  );
}
