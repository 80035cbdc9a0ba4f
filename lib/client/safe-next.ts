/**
 * Where to go after signing in. Only a path on this site is followed: it must start with one "/"
 * and not "//" or "/\" (browsers read both as another host), and carry no control characters.
 * Anything else falls back to the overview, so a crafted login link cannot send a user elsewhere.
 */
export function safeNextPath(raw: string | string[] | null | undefined, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    // Resolving against a dummy origin catches what the checks above missed (e.g. "/%5C%5Cevil").
    const url = new URL(value, 'http://signalboard.invalid');
    if (url.origin !== 'http://signalboard.invalid') return fallback;
    if (url.pathname === '/login') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
