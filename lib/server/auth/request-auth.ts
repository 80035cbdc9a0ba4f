import 'server-only';
import { getDb } from '../store';
import { userForApiKey } from './api-keys';
import { hasRole, type Role } from './roles';
import { SESSION_COOKIE, readCookie, userForSession } from './sessions';
import type { User } from './users';

export interface Principal {
  user: User;
  /** How the request proved who it is: a browser session cookie or an API key. */
  via: 'session' | 'api-key';
}

/** Header access that works for both node:http requests and Fetch API requests. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

export function nodeHeaders(headers: Record<string, string | string[] | undefined>): HeaderSource {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Who is making this request: an `Authorization: Bearer` API key first, else the session cookie. */
export function authenticate(headers: HeaderSource): Principal | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const user = match?.[1] ? userForApiKey(getDb(), match[1]) : null;
    return user ? { user, via: 'api-key' } : null;
  }
  const token = readCookie(headers.get('cookie'), SESSION_COOKIE);
  if (!token) return null;
  const user = userForSession(getDb(), token);
  return user ? { user, via: 'session' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request check for state-changing requests, in the manner of Fetch Metadata: browsers
 * send `Origin` (and `Sec-Fetch-Site`) on every such request, so one that names another site is
 * refused. Requests with neither header come from non-browser clients (curl, CI, scripts), which
 * carry no ambient cookie of a victim and are allowed; API-key requests are always allowed.
 */
export function originAllowed(method: string, headers: HeaderSource, via: Principal['via'] | null): boolean {
  if (SAFE_METHODS.has(method.toUpperCase()) || via === 'api-key') return true;
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  const origin = headers.get('origin');
  if (!origin) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.split(',')[0]!.trim();
  } catch {
    return false;
  }
}

export function allows(principal: Principal | null, role: Role): boolean {
  return principal !== null && hasRole(principal.user.role, role);
}
