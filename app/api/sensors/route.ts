import { requireRole } from '@/lib/server/http/route-auth';
import { sensorsOverview } from '@/lib/server/sensors/overview';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/**
 * The sensors view in one call: devices with online / silent / offline and their latest values,
 * counts, rejected messages by reason, thresholds, recent alerts and the broker's listeners.
 */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return Response.json(
    { ok: true, ...sensorsOverview(getDb()) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
