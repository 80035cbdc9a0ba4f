import { requireRole } from '@/lib/server/http/route-auth';
import { webTransport } from '@/lib/server/live-metrics/webtransport-registry';
import { DEFAULT_RATE_HZ, MAX_RATE_HZ, MIN_RATE_HZ } from '@/lib/events/metrics-frames';

export const dynamic = 'force-dynamic';

/**
 * How a page reaches the live metrics: the WebTransport port, path and current certificate hashes
 * (for `serverCertificateHashes`; empty with an operator certificate), or null when the listener is
 * not running; and the WebSocket fallback's path.
 */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const wt = webTransport();
  return Response.json(
    {
      ok: true,
      webtransport: wt && {
        port: wt.port,
        path: wt.path,
        certificateHashes: wt.certificates.hashes(),
        certificate: {
          mode: wt.certificates.mode,
          notAfter: wt.certificates.current.notAfter.toISOString(),
        },
      },
      websocket: { path: '/ws/metrics' },
      rate: { min: MIN_RATE_HZ, max: MAX_RATE_HZ, default: DEFAULT_RATE_HZ },
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
