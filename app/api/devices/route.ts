import { z } from 'zod';
import { describeIssues, readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { createDevice } from '@/lib/server/devices/credentials';
import {
  deviceIdSchema,
  devicePasswordSchema,
  getCredentials,
  getDevice,
  rateLimitSchema,
  topicPrefixSchema,
} from '@/lib/server/devices/store';
import { sensorDevices } from '@/lib/server/sensors/overview';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const query = z.object({ revoked: z.enum(['0', '1']).default('0') });

const newDeviceSchema = z.object({
  id: deviceIdSchema,
  topicPrefix: topicPrefixSchema,
  /** Leave out to have a strong one generated. */
  password: devicePasswordSchema.optional(),
  rateLimit: rateLimitSchema.nullable().optional(),
});

/** Devices with their state and latest values; `?revoked=1` lists revoked ones too. */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return jsonError(400, describeIssues(params.error));
  return Response.json({
    ok: true,
    devices: sensorDevices(getDb(), { includeRevoked: params.data.revoked === '1' }),
  });
}

/**
 * Creates a device (admin): `{ id, topicPrefix, password?, rateLimit? }`. The password is stored
 * hashed and returned once, in this response. An id in use is 409 (rotate it instead); a revoked id
 * may be created again.
 */
export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newDeviceSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const db = getDb();
  const existing = getCredentials(db, body.value.id);
  if (existing && existing.revokedAt === null) {
    return jsonError(409, `Device ${body.value.id} exists; rotate its password or revoke it first.`);
  }
  const password = await createDevice(db, { ...body.value, source: 'api' });
  return Response.json({ ok: true, device: getDevice(db, body.value.id), password }, { status: 201 });
}
