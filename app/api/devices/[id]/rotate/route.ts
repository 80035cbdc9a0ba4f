import { z } from 'zod';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { rotateDevice } from '@/lib/server/devices/credentials';
import { deviceIdSchema, devicePasswordSchema } from '@/lib/server/devices/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const rotateSchema = z.object({ password: devicePasswordSchema.optional() });

/**
 * Gives a device a new password (admin), generated unless one is given, returned once. Connections
 * opened with the old password are closed; the device reconnects with the new one.
 */
export async function POST(request: Request, { params }: Params) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const parsed = deviceIdSchema.safeParse(decodeURIComponent((await params).id));
  if (!parsed.success) return jsonError(400, 'Not a device id.');
  let password: string | undefined;
  if ((request.headers.get('content-length') ?? '0') !== '0') {
    const body = await readJson(request, rotateSchema, 4 * 1024);
    if (!body.ok) return jsonError(body.status, body.error);
    password = body.value.password;
  }
  const result = await rotateDevice(getDb(), parsed.data, password);
  if (result === null) return jsonError(404, `No active device ${parsed.data}.`);
  return Response.json({ ok: true, password: result });
}
