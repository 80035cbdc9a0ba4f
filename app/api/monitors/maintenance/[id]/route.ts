import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { parseId } from '@/lib/server/monitors/api';
import { endWindow } from '@/lib/server/monitors/maintenance';
import { getMonitorControl } from '@/lib/server/monitors/runtime';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Ends a running window now, or removes one that has not begun. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  if (id === null || !endWindow(getDb(), id)) return jsonError(404, 'No such maintenance window.');
  getMonitorControl()?.maintenanceChanged();
  return Response.json({ ok: true });
}
