import { z } from 'zod';
import { METRIC_NAME, checkTopicFilter } from '@/lib/events/mqtt-topics';
import { SENSOR_RANGE_IDS, type SensorRange } from '@/lib/events/sensor-ranges';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { querySeries } from '@/lib/server/sensors/queries';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({
  filter: z
    .string()
    .trim()
    .default('sensors/#')
    .superRefine((value, ctx) => {
      const check = checkTopicFilter(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
    }),
  range: z.enum(SENSOR_RANGE_IDS as [SensorRange, ...SensorRange[]]).default('live'),
  metric: z.string().regex(METRIC_NAME, 'is not a metric name').optional(),
});

/**
 * Series whose metric topic matches an MQTT filter (`sensors/+/+/+/temperature`,
 * `sensors/building-a/#`), with points over the range: `live` (10 min) and `1h` from raw readings,
 * `6h` to `7d` from minute rollups, `30d` from hour rollups. Each point is `[time, mean, min, max]`.
 */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return jsonError(400, describeIssues(params.error));
  return Response.json(
    { ok: true, ...querySeries(getDb(), params.data) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
