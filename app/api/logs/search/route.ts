import { handleSearch } from '@/lib/server/logs/api';
import { requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

/**
 * Log history: `q` (words), `regex`, `level=warn,error`, `container=a,b`, `from`/`to` (epoch ms or
 * ISO 8601), `before` (the previous page's `next`), `limit` (≤ 1000). Newest first.
 */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return handleSearch(new URL(request.url));
}
