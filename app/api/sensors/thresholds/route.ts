import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { addThreshold, listThresholds, newThresholdSchema } from '@/lib/server/sensors/thresholds';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const MAX_THRESHOLDS = 500;

/** Thresholds: `{ filter, direction: "above" | "below", value, level: "warning" | "critical" }`. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, thresholds: listThresholds(getDb()) });
}

/** Adds a threshold (operator); readings crossing it raise `sensor-alert` events. */
export async function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newThresholdSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const db = getDb();
  if (listThresholds(db).length >= MAX_THRESHOLDS)
    return jsonError(409, `At most ${MAX_THRESHOLDS} thresholds.`);
  return Response.json({ ok: true, threshold: addThreshold(db, body.value) }, { status: 201 });
}
