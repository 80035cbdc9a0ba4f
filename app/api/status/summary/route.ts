import { createHash } from 'node:crypto';
import { publicSummary } from '@/lib/server/monitors/status-page';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Shared caches may serve it 15 s, then stale for a minute while they revalidate. */
const STATUS_CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=60';

/**
 * The public status page's data: public monitors only, current state, 90 daily bars, open incidents
 * with public notes, maintenance. No login. Cacheable, with an ETag so a revalidation costs a 304.
 */
export function GET(request: Request) {
  const summary = publicSummary(getDb());
  // generatedAt changes every call; the ETag covers the content only.
  const { generatedAt: _at, ...content } = summary;
  const etag = `"${createHash('sha1').update(JSON.stringify(content)).digest('base64url').slice(0, 20)}"`;
  const headers = { 'Cache-Control': STATUS_CACHE_CONTROL, ETag: etag, Vary: 'Accept-Encoding' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return Response.json(summary, { headers });
}
