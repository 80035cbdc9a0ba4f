import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Readiness: the store answers a query. Later parts (broker, listeners) add their checks here. */
export function GET() {
  const checks: Record<string, { ok: boolean; error?: string }> = {};
  try {
    getDb().prepare('SELECT 1').get();
    checks.store = { ok: true };
  } catch (error) {
    checks.store = { ok: false, error: (error as Error).message };
  }
  const ok = Object.values(checks).every((c) => c.ok);
  return Response.json({ ok, checks }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
