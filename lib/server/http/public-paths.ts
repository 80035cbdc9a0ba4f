/**
 * Paths anyone may reach without a session. Everything else needs a session cookie or an API key.
 * Webhooks, the log push endpoint and monitor push URLs are listed because they carry their own
 * signatures or tokens.
 */
const PUBLIC_EXACT = new Set([
  '/login',
  '/status',
  '/api/health',
  '/api/ready',
  '/api/auth/login',
  '/api/auth/logout',
  '/metrics',
  '/favicon.ico',
  '/icon.svg',
  '/robots.txt',
  '/loki/api/v1/push',
]);

const PUBLIC_PREFIXES = ['/_next/', '/api/webhooks/', '/api/status/', '/status/', '/api/push/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** API paths answer 401 JSON; pages redirect to the login page. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname === '/metrics' || pathname.startsWith('/loki/');
}
