import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { createUser, listUsers, newUserSchema } from '@/lib/server/auth/users';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** Users (admin): list, and create with `{ username, password, role }`. */
export function GET(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  return Response.json({ ok: true, users: listUsers(getDb()) });
}

export async function POST(request: Request) {
  const auth = requireRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newUserSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const db = getDb();
  if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(body.value.username)) {
    return jsonError(409, `username: "${body.value.username}" is taken.`);
  }
  const user = await createUser(db, body.value);
  return Response.json({ ok: true, user }, { status: 201 });
}
