import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { webTransport } from '@/lib/server/live-metrics/webtransport-registry';

export const dynamic = 'force-dynamic';

/**
 * Replaces the WebTransport certificate now (admin only): after a suspected key leak, or to check that
 * pages pick up a new certificate. Sessions already open keep theirs; new ones use the new one.
 */
export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const wt = webTransport();
  if (!wt) return jsonError(503, 'The WebTransport listener is not running.');
  if (wt.certificates.mode === 'operator') {
    return jsonError(409, 'The certificate is the operator’s own; replace its files and restart instead.');
  }
  const cert = await wt.certificates.rotateNow();
  return Response.json(
    {
      ok: true,
      certificateHashes: wt.certificates.hashes(),
      notAfter: cert.notAfter.toISOString(),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
