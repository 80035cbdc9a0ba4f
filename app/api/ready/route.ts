import { sensorsRuntime } from '@/lib/server/sensors/runtime';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Readiness: the store answers a query and the MQTT broker is listening. Later parts add their checks here. */
export function GET() {
  const checks: Record<string, { ok: boolean; error?: string }> = {};
  try {
    getDb().prepare('SELECT 1').get();
    checks.store = { ok: true };
  } catch (error) {
    checks.store = { ok: false, error: (error as Error).message };
  }
  const broker = sensorsRuntime().broker;
  checks.broker =
    broker.state === 'up'
      ? { ok: true }
      : { ok: false, error: broker.error ?? `MQTT broker is ${broker.state.replace('-', ' ')}` };
  const ok = Object.values(checks).every((c) => c.ok);
  return Response.json({ ok, checks }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
