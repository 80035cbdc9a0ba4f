import { handleContext } from '@/lib/server/logs/api';
import { requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

/** One stored line among its neighbours from the same container: `id`, `before`, `after` (≤ 500). */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return handleContext(new URL(request.url));
}
