import { z } from 'zod';
import { EVENT_TYPE_NAMES, eventDataSchemas, type EventType } from '@/lib/events';
import { getBus } from '@/lib/server/bus';
import { describeIssues, readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';

export const dynamic = 'force-dynamic';

// GET /api/events (the SSE stream) is served by the custom server's HTTP layer; see the README.

const MAX_BATCH = 1000;
const eventInput = z.object({ type: z.enum(EVENT_TYPE_NAMES as [EventType, ...EventType[]]), data: z.unknown() });
const publishSchema = z.union([eventInput, z.object({ events: z.array(eventInput).min(1).max(MAX_BATCH) })]);

/**
 * Publishes events onto the bus (operators and API keys with the operator role): for automation that
 * has no dedicated ingress. Every event's data is validated against its schema before any is published.
 */
export async function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, publishSchema, 1024 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const inputs = 'events' in body.value ? body.value.events : [body.value];
  const parsed: { type: EventType; data: unknown }[] = [];
  for (const [index, input] of inputs.entries()) {
    const data = eventDataSchemas[input.type].safeParse(input.data);
    if (!data.success) return jsonError(422, `events[${index}] (${input.type}): ${describeIssues(data.error)}`);
    parsed.push({ type: input.type, data: data.data });
  }
  const bus = getBus();
  const ids = parsed.map(({ type, data }) => bus.publish(type, data as never).id);
  return Response.json({ ok: true, ids }, { status: 201 });
}
