import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { getChannel } from '@/lib/server/monitors/notify/channels';
import { Notifier } from '@/lib/server/monitors/notify/queue';
import { getNotifier } from '@/lib/server/monitors/service';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Sends a sample "down" message to the channel now and reports the receiver's answer. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const channel = id === null ? undefined : getChannel(getDb(), id);
  if (!channel) return jsonError(404, 'No such channel.');
  const now = Date.now();
  const result = await (getNotifier() ?? new Notifier()).test(channel, {
    monitor: { id: 0, name: 'Test monitor', type: 'http', target: 'https://example.invalid/health' },
    status: 'down',
    previous: 'up',
    message: 'This is a test notification from Signalboard.',
    latencyMs: null,
    at: now,
    incident: null,
  });
  return Response.json({ ok: result.ok, detail: result.detail }, { status: result.ok ? 200 : 502 });
}
