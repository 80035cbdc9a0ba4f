/**
 * Failures a user has marked as seen, remembered in this browser (localStorage) so a banner does not
 * come back on the next load. Bounded: the newest MAX_REMEMBERED ids are kept.
 */
export const STORAGE_KEY = 'sb-deploys-seen';
export const MAX_REMEMBERED = 200;

/** Reads the stored ids; anything malformed counts as nothing seen. */
export function parseAcknowledged(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string').slice(-MAX_REMEMBERED)
      : [];
  } catch {
    return [];
  }
}

/** Adds ids (once each), keeping the newest MAX_REMEMBERED. */
export function addAcknowledged(list: readonly string[], ids: readonly string[]): string[] {
  const fresh = ids.filter((id) => !list.includes(id));
  if (fresh.length === 0) return [...list];
  return [...list, ...fresh].slice(-MAX_REMEMBERED);
}
