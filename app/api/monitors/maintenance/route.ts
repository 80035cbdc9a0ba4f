import { z } from 'zod';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { createWindow, listWindows } from '@/lib/server/monitors/maintenance';
import { getMonitorControl } from '@/lib/server/monitors/runtime';
import { getMonitor } from '@/lib/server/monitors/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const time = z.union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))], {
  error: 'must be epoch milliseconds or an ISO 8601 time with a zone',
});

const windowSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000).optional(),
    /** Omitted or null: every monitor. */
    monitorIds: z.array(z.number().int().positive()).min(1).max(1000).nullable().default(null),
    startsAt: time,
    endsAt: time,
  })
  .refine((w) => w.endsAt > w.startsAt, { path: ['endsAt'], message: 'must be after startsAt' })
  .refine((w) => w.endsAt - w.startsAt <= 31 * 24 * 3600 * 1000, { path: ['endsAt'], message: 'a window lasts at most 31 days' });

/** Maintenance windows, newest first. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, now: Date.now(), windows: listWindows(getDb()) }, { headers: { 'Cache-Control': 'no-store' } });
}

/** Plans a window: its monitors show "maintenance", raise no incident and send no alert meanwhile. */
export async function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, windowSchema);
  if (!body.ok) return jsonError(body.status, body.error);
  const db = getDb();
  const unknown = body.value.monitorIds?.filter((id) => !getMonitor(db, id)) ?? [];
  if (unknown.length) return jsonError(422, `monitorIds: no monitor with id ${unknown.join(', ')}`);
  const window = createWindow(db, { ...body.value, createdBy: auth.principal.user.username });
  getMonitorControl()?.maintenanceChanged();
  return Response.json({ ok: true, window }, { status: 201 });
}
