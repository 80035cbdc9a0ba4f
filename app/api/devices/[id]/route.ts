import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { revokeDeviceCredentials } from '@/lib/server/devices/credentials';
import { deviceIdSchema } from '@/lib/server/devices/store';
import { sensorDevices } from '@/lib/server/sensors/overview';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

async function deviceId(params: Params['params']): Promise<string | null> {
  const parsed = deviceIdSchema.safeParse(decodeURIComponent((await params).id));
  return parsed.success ? parsed.data : null;
}

/** One device with its state and latest values. */
export async function GET(request: Request, { params }: Params) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const id = await deviceId(params);
  if (id === null) return jsonError(400, 'Not a device id.');
  const device = sensorDevices(getDb(), { includeRevoked: true }).find((d) => d.id === id);
  return device ? Response.json({ ok: true, device }) : jsonError(404, `No device ${id}.`);
}

/** Revokes a device (admin): its credentials stop working and its connections are closed. */
export async function DELETE(request: Request, { params }: Params) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const id = await deviceId(params);
  if (id === null) return jsonError(400, 'Not a device id.');
  if (!revokeDeviceCredentials(getDb(), id)) return jsonError(404, `No active device ${id}.`);
  return Response.json({ ok: true });
}
