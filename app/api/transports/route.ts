import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { transportStats } from '@/lib/server/transport-stats/service';

export const dynamic = 'force-dynamic';

/**
 * Each transport's traffic now, as this server measures it: connections, messages per second, bytes
 * on the wire per message with their framing, delivery time and round trip percentiles, loss where
 * the transport is lossy and messages shed. Figures without traffic behind them are null.
 */
export async function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = [...new URL(request.url).searchParams.keys()];
  if (params.length > 0) return jsonError(400, `Unknown parameter ${params[0]}: this endpoint takes none.`);
  const report = await transportStats().report();
  return Response.json(report, { headers: { 'Cache-Control': 'no-store' } });
}
