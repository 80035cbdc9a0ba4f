import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { changeUser, disableUser, userChangeSchema } from '@/lib/server/auth/users';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

async function userId(params: Params['params']): Promise<number | null> {
  const { id } = await params;
  return /^\d{1,12}$/.test(id) ? Number(id) : null;
}

/** Changes a user's `role` and/or `password` (admin). */
export async function PATCH(request: Request, { params }: Params) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const id = await userId(params);
  if (id === null) return jsonError(400, 'User id must be a number.');
  const body = await readJson(request, userChangeSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const result = await changeUser(getDb(), id, body.value);
  return result.ok ? Response.json(result) : jsonError(result.status, result.error);
}

/** Disables a user and ends their sessions (admin). */
export async function DELETE(request: Request, { params }: Params) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const id = await userId(params);
  if (id === null) return jsonError(400, 'User id must be a number.');
  const result = disableUser(getDb(), id);
  return result.ok ? Response.json(result) : jsonError(result.status, result.error);
}
