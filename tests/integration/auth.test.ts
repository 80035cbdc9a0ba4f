import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, progressEvent } from './support/client';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

describe('authentication and request checks of the real server', () => {
  let server: RunningServer;
  let cookie: string;
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    server = await startServer();
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('redirects pages to the login page and answers APIs with 401 without a session', async () => {
    const page = await fetch(`${server.base}/deploys?x=1`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fdeploys%3Fx%3D1');
    expect((await fetch(`${server.base}/api/me`)).status).toBe(401);
    expect(
      (await fetch(`${server.base}/api/me`, { headers: { cookie: 'sb_session=sbs_forged' } })).status,
    ).toBe(401);
    expect((await fetch(`${server.base}/login`)).status).toBe(200);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.base}/api/ready`)).status).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await fetch(
      `${server.base}/api/auth/login`,
      json({ username: 'admin', password: 'wrong-password' }),
    );
    const unknown = await fetch(
      `${server.base}/api/auth/login`,
      json({ username: 'ghost', password: 'wrong-password' }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HTTP-only SameSite session cookie and ends it on logout', async () => {
    const res = await fetch(
      `${server.base}/api/auth/login`,
      json({ username: 'admin', password: ADMIN_PASSWORD }),
    );
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^sb_session=sbs_[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const session = setCookie.split(';')[0]!;
    expect(
      await (await fetch(`${server.base}/api/me`, { headers: { cookie: session } })).json(),
    ).toMatchObject({
      user: { username: 'admin', role: 'admin' },
    });
    const out = await fetch(`${server.base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: session },
    });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${server.base}/api/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses bad bodies with 400, 413, 415 and 422, storing nothing', async () => {
    const headers = { cookie, origin: server.base };
    const url = `${server.base}/api/events`;
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    const invalid = await fetch(
      url,
      json({ type: 'deploy-progress', data: { service: 'api', percent: 300 } }, headers),
    );
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/deployId|percent/);
    const huge = await fetch(
      url,
      json({ type: 'deploy-progress', data: { message: 'x'.repeat(2_000_000) } }, headers),
    );
    expect(huge.status).toBe(413);
    const replay = await fetch(`${server.base}/api/events?streams=deploys`, {
      headers: { cookie, 'last-event-id': '0' },
    });
    const reader = replay.body!.getReader();
    let text = '';
    while (!text.includes('event: hello')) text += new TextDecoder().decode((await reader.read()).value);
    await new Promise((r) => setTimeout(r, 200));
    const more = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), 300)),
    ]);
    const rest = more && 'value' in more && more.value ? new TextDecoder().decode(more.value) : '';
    expect(text + rest).not.toContain('event: deploy-progress');
    await reader.cancel();
  });

  it('refuses a cross-origin state change made with the session cookie', async () => {
    const res = await fetch(
      `${server.base}/api/events`,
      json(progressEvent(1), { cookie, origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
    const fetchSite = await fetch(
      `${server.base}/api/events`,
      json(progressEvent(1), { cookie, 'sec-fetch-site': 'cross-site' }),
    );
    expect(fetchSite.status).toBe(403);
  });

  it('lets automation use an API key with its role, until revoked', async () => {
    const created = await fetch(
      `${server.base}/api/keys`,
      json({ name: 'ci', role: 'viewer' }, { cookie, origin: server.base }),
    );
    expect(created.status).toBe(201);
    const { key, info } = (await created.json()) as { key: string; info: { id: number } };
    const auth = { authorization: `Bearer ${key}` };
    expect((await fetch(`${server.base}/api/me`, { headers: auth })).status).toBe(200);
    // A viewer key may read but not publish.
    expect((await fetch(`${server.base}/api/events`, json(progressEvent(1), auth))).status).toBe(403);
    const listed = (await (await fetch(`${server.base}/api/keys`, { headers: { cookie } })).json()) as {
      keys: unknown[];
    };
    expect(JSON.stringify(listed)).not.toContain(key);
    await fetch(`${server.base}/api/keys/${info.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: server.base },
    });
    expect((await fetch(`${server.base}/api/me`, { headers: auth })).status).toBe(401);
  });

  it('lets an admin manage users whose roles are enforced, never removing the last admin', async () => {
    const admin = { cookie, origin: server.base };
    const created = await fetch(
      `${server.base}/api/users`,
      json({ username: 'vera', password: 'viewer-pass-1', role: 'viewer' }, admin),
    );
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: number } };
    const taken = await fetch(
      `${server.base}/api/users`,
      json({ username: 'VERA', password: 'viewer-pass-1', role: 'viewer' }, admin),
    );
    expect(taken.status).toBe(409);
    const weak = await fetch(
      `${server.base}/api/users`,
      json({ username: 'x', password: 'short', role: 'viewer' }, admin),
    );
    expect(weak.status).toBe(422);

    const viewer = await loginCookie(server.base, 'vera', 'viewer-pass-1');
    expect((await fetch(`${server.base}/api/users`, { headers: { cookie: viewer } })).status).toBe(403);
    expect(
      (
        await fetch(
          `${server.base}/api/events`,
          json(progressEvent(1), { cookie: viewer, origin: server.base }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await fetch(`${server.base}/api/events?streams=deploys`, { headers: { cookie: viewer } })).status,
    ).toBe(200);

    const demote = await fetch(`${server.base}/api/users/1`, {
      ...json({ role: 'viewer' }, admin),
      method: 'PATCH',
    });
    expect(demote.status).toBe(409);
    const remove = await fetch(`${server.base}/api/users/${user.id}`, { method: 'DELETE', headers: admin });
    expect(remove.status).toBe(200);
    expect((await fetch(`${server.base}/api/me`, { headers: { cookie: viewer } })).status).toBe(401);
  });

  it('rate-limits repeated failed logins for a username', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (
        await fetch(`${server.base}/api/auth/login`, json({ username: 'target', password: `guess-${i}` }))
      ).status;
    }
    expect(last).toBe(429);
  });
});
