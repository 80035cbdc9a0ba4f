import { requireRole } from '@/lib/server/http/route-auth';
import { getMonitorEngine } from '@/lib/server/monitors/runtime';

export const dynamic = 'force-dynamic';

/**
 * The scheduler's health: monitors scheduled, checks running and waiting for a slot, and how late
 * checks started (drift percentiles over the last 10,000 checks). `?reset=1` (operator) clears the
 * drift samples, for benchmarks.
 */
export function GET(request: Request) {
  const reset = new URL(request.url).searchParams.get('reset') === '1';
  const auth = requireRole(request, reset ? 'operator' : 'viewer');
  if (!auth.ok) return auth.response;
  const engine = getMonitorEngine();
  if (reset) engine?.drift.reset();
  return Response.json({ ok: true, engine: engine !== null, ...(engine?.stats() ?? {}) }, { headers: { 'Cache-Control': 'no-store' } });
}
