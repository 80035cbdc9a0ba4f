import { handleTail } from '@/lib/server/logs/api';
import { requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

/** The newest lines of `container=a,b` (all when absent) from memory, with the id to resume the stream from. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return handleTail(new URL(request.url));
}
