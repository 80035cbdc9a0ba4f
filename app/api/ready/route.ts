import { getCluster } from '@/lib/server/scale/cluster';
import { monitorsLease } from '@/lib/server/scale/monitor-lease';
import { sensorsRuntime } from '@/lib/server/sensors/runtime';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/**
 * Readiness: the store answers a query and the MQTT broker is listening; with REDIS_URL, Redis is
 * connected too, and `cluster` says which instance this is and which one runs the monitors.
 */
export async function GET() {
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
  const link = getCluster();
  let cluster: { instance: string; monitorsRunHere: boolean; monitorsHolder: string | null } | undefined;
  if (link) {
    checks.redis = link.health();
    const lease = monitorsLease();
    cluster = {
      instance: link.instanceId,
      monitorsRunHere: lease?.isHeld ?? false,
      monitorsHolder: checks.redis.ok ? ((await lease?.holder()) ?? null) : null,
    };
  }
  const ok = Object.values(checks).every((c) => c.ok);
  return Response.json(
    { ok, checks, ...(cluster ? { cluster } : {}) },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
