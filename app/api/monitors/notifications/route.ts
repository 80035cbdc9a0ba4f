import { z } from 'zod';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { createChannel, listChannels, maskChannel } from '@/lib/server/monitors/notify/channels';
import { getMonitorControl } from '@/lib/server/monitors/runtime';
import { getNotifier } from '@/lib/server/monitors/service';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const channelSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  format: z.enum(['json', 'slack']).default('json'),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
});

/** Webhook channels (URLs shortened: they are often secrets) and the last deliveries. */
export function GET(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const notifier = getNotifier();
  return Response.json(
    { ok: true, channels: listChannels(getDb()).map(maskChannel), deliveries: notifier?.recent() ?? [], pending: notifier?.pending() ?? 0, dropped: notifier?.dropped ?? 0 },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** Adds a channel: every monitor's down and back-up changes are POSTed to it. */
export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, channelSchema);
  if (!body.ok) return jsonError(body.status, body.error);
  const channel = createChannel(getDb(), body.value);
  getMonitorControl()?.channelsChanged();
  return Response.json({ ok: true, channel: maskChannel(channel) }, { status: 201 });
}
