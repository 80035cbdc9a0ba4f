import { handleContainers } from '@/lib/server/logs/api';
import { requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

/** The engine's state, every known container and pushed stream, and the last hour's activity. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return handleContainers();
}
