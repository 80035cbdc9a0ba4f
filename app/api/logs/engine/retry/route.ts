import { requireRole } from '@/lib/server/http/route-auth';
import { engineState, getLogRuntime } from '@/lib/server/logs/runtime';

export const dynamic = 'force-dynamic';

/** Try to reach the Docker engine now instead of at the next scheduled attempt. */
export function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const runtime = getLogRuntime();
  runtime.docker?.retryNow();
  return Response.json({ ok: true, engine: engineState(runtime) });
}
