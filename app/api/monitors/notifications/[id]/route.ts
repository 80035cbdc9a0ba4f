import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { deleteChannel } from '@/lib/server/monitors/notify/channels';
import { getMonitorControl } from '@/lib/server/monitors/runtime';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  if (id === null || !deleteChannel(getDb(), id)) return jsonError(404, 'No such channel.');
  getMonitorControl()?.channelsChanged();
  return Response.json({ ok: true });
}
