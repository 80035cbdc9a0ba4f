import { serverVersion } from '@/lib/server/version';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. */
export function GET() {
  return Response.json({ ok: true, version: serverVersion(), uptimeSeconds: Math.round(process.uptime()) });
}
