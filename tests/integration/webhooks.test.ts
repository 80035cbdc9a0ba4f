import { createHmac } from 'node:crypto';
import examples from '@octokit/webhooks-examples';
import { sign } from '@octokit/webhooks-methods';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, until } from './support/client';
import { startServer, type RunningServer } from './support/server';

const GITHUB_SECRET = 'it-github-secret-0123456789';
const DEPLOY_SECRET = 'it-deploy-secret-0123456789';
const GITLAB_TOKEN = 'it-gitlab-token-0123456789';

type Example = { name: string; examples: Record<string, unknown>[] };
const example = (name: string, pick: (p: Record<string, unknown>) => boolean = () => true) =>
  structuredClone((examples as unknown as Example[]).find((e) => e.name === name)!.examples.find(pick)!);

describe('CI webhooks into the live deploy stream', () => {
  let server: RunningServer;
  let cookie: string;
  let delivery = 0;

  const github = async (event: string, payload: unknown, secret = GITHUB_SECRET) => {
    const body = JSON.stringify(payload);
    return fetch(`${server.base}/api/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': `delivery-${++delivery}`,
        'x-hub-signature-256': await sign(secret, body),
      },
      body,
    });
  };
  const generic = (payload: unknown, options: { secret?: string; timestamp?: number; raw?: string } = {}) => {
    const body = options.raw ?? JSON.stringify(payload);
    const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', options.secret ?? DEPLOY_SECRET)
      .update(`${ts}.${body}`)
      .digest('hex');
    return fetch(`${server.base}/api/webhooks/deploy`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signalboard-timestamp': ts,
        'x-signalboard-signature': `sha256=${sig}`,
      },
      body,
    });
  };
  const deploy = async (id: string) =>
    (await (await fetch(`${server.base}/api/deploys/${id}`, { headers: { cookie } })).json()) as {
      deploy: { status: string; percent: number };
      steps: { name: string; status: string }[];
      changes: unknown[];
    };

  beforeAll(async () => {
    server = await startServer({
      env: {
        GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
        DEPLOY_WEBHOOK_SECRET: DEPLOY_SECRET,
        GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN,
      },
    });
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('drives a deploy end to end from real GitHub payloads signed the GitHub way', async () => {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const source = new EventSource(`${server.base}/api/events`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
    });
    for (const type of ['deploy-start', 'deploy-progress', 'deploy-complete']) {
      source.addEventListener(type, (e: MessageEvent<string>) =>
        events.push({ type, data: JSON.parse(e.data) as Record<string, unknown> }),
      );
    }
    await until(() => source.readyState === EventSource.OPEN);

    const run = example('workflow_run', (p) => p.action === 'requested');
    const runId = (run.workflow_run as { id: number }).id;
    expect((await github('workflow_run', run)).status).toBe(200);
    const job = example(
      'workflow_job',
      (p) => p.action === 'completed' && (p.workflow_job as { conclusion: string }).conclusion === 'success',
    );
    (job.workflow_job as { run_id: number }).run_id = runId;
    expect((await github('workflow_job', job)).status).toBe(200);
    const done = example(
      'workflow_run',
      (p) => p.action === 'completed' && (p.workflow_run as { conclusion: string }).conclusion === 'success',
    );
    (done.workflow_run as { id: number }).id = runId;
    expect((await github('workflow_run', done)).status).toBe(200);

    await until(() => events.some((e) => e.type === 'deploy-complete'));
    expect(events.map((e) => e.type)).toEqual(['deploy-start', 'deploy-progress', 'deploy-complete']);
    expect(events[1]!.data).toMatchObject({ service: 'octo-repo', step: 'linters', percent: 100 });
    expect(events[2]!.data).toMatchObject({
      status: 'success',
      url: expect.stringContaining('github.com') as unknown,
    });
    const stored = await deploy(`github-run-${runId}`);
    expect(stored.deploy.status).toBe('success');
    expect(stored.steps.map((s) => s.name)).toContain('linters › Run Rubocop');
    source.close();
  });

  it('refuses a wrong secret with 401 and stores nothing', async () => {
    const payload = example('deployment');
    (payload.deployment as { id: number }).id = 987654;
    const res = await github('deployment', payload, 'not-the-secret');
    expect(res.status).toBe(401);
    expect(
      (await fetch(`${server.base}/api/deploys/github-deployment-987654`, { headers: { cookie } })).status,
    ).toBe(404);
  });

  it('answers a GET with 405 naming POST, and an unknown webhook with 404', async () => {
    const get = await fetch(`${server.base}/api/webhooks/github`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toMatchObject({ ok: false, error: expect.stringContaining('POST') as unknown });
    for (const name of ['bitbucket', 'constructor', '']) {
      const res = await fetch(`${server.base}/api/webhooks/${name}`, { method: 'POST', body: '{}' });
      expect(res.status, name).toBe(404);
      expect(await res.json()).toMatchObject({
        error: expect.stringContaining('github, gitlab, deploy') as unknown,
      });
    }
  });

  it('answers ping, accepts and counts unknown events with 202, ignores redeliveries', async () => {
    const ping = await github('ping', example('ping'));
    expect(await ping.json()).toMatchObject({ pong: true });
    expect((await github('star', { action: 'created' })).status).toBe(202);

    const payload = example('deployment');
    (payload.deployment as { id: number }).id = 4242;
    const body = JSON.stringify(payload);
    const headers = {
      'content-type': 'application/json',
      'x-github-event': 'deployment',
      'x-github-delivery': 'fixed-delivery-id',
      'x-hub-signature-256': await sign(GITHUB_SECRET, body),
    };
    const first = await fetch(`${server.base}/api/webhooks/github`, { method: 'POST', headers, body });
    const again = await fetch(`${server.base}/api/webhooks/github`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect((await deploy('github-deployment-4242')).changes).toHaveLength(1);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toMatch(/signalboard_webhooks_total\{source="github",outcome="ignored"\} 1/);
  });

  it('takes the generic signed call and refuses stale, unsigned, malformed and oversized ones', async () => {
    const id = `generic-${Date.now()}`;
    const start = {
      deployId: id,
      service: 'billing',
      environment: 'staging',
      version: '2.0.0',
      status: 'started',
    };
    expect((await generic(start, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await generic(start, { secret: 'wrong-secret-wrong' })).status).toBe(401);
    expect((await fetch(`${server.base}/api/webhooks/deploy`, { method: 'POST', body: '{}' })).status).toBe(
      401,
    );
    expect((await generic(null, { raw: '{"deployId": ' })).status).toBe(400);
    const bad = await generic({ ...start, percent: 140, status: 'done' });
    expect(bad.status).toBe(422);
    const reason = ((await bad.json()) as { error: string }).error;
    expect(reason).toContain('percent');
    expect(reason).toContain('status');
    expect(
      (await generic(null, { raw: JSON.stringify({ ...start, message: 'x'.repeat(1_100_000) }) })).status,
    ).toBe(413);
    expect((await fetch(`${server.base}/api/deploys/${id}`, { headers: { cookie } })).status).toBe(404);

    expect((await generic(start)).status).toBe(200);
    expect(
      (await generic({ deployId: id, status: 'in_progress', step: 'migrate', percent: 40 })).status,
    ).toBe(200);
    expect((await generic({ deployId: id, status: 'failure', message: 'migration 42 failed' })).status).toBe(
      200,
    );
    // A late progress call after the failure changes nothing.
    expect((await generic({ deployId: id, status: 'in_progress', step: 'verify', percent: 90 })).status).toBe(
      200,
    );
    const stored = await deploy(id);
    expect(stored.deploy.status).toBe('failure');
    expect(stored.steps).toEqual([expect.objectContaining({ name: 'migrate', status: 'failure' })]);
  });

  it('lets a client that drops mid-deploy resume without losing a step', async () => {
    const id = `resume-${Date.now()}`;
    const first = openSse(server.base, '/api/events?streams=deploys', { cookie });
    await until(() => first.messages.some((m) => m.event === 'hello'));
    await generic({ deployId: id, service: 'web', environment: 'production', status: 'started' });
    await generic({ deployId: id, status: 'in_progress', step: 'build', percent: 20 });
    await until(() => first.ids().length === 2);
    const lastSeen = first.ids().at(-1)!;
    first.close();
    await generic({ deployId: id, status: 'in_progress', step: 'test', percent: 60 });
    await generic({ deployId: id, status: 'success', url: 'https://web.example.com' });
    const second = openSse(server.base, `/api/events?streams=deploys&lastEventId=${lastSeen}`, { cookie });
    await until(() => second.messages.filter((m) => m.event.startsWith('deploy-')).length === 2);
    const hello = JSON.parse(second.messages[0]!.data) as {
      snapshot: { deploys: { recent: { id: string }[] } };
    };
    expect(hello.snapshot.deploys.recent.some((d) => d.id === id)).toBe(true);
    expect(second.messages.filter((m) => m.event.startsWith('deploy-')).map((m) => m.event)).toEqual([
      'deploy-progress',
      'deploy-complete',
    ]);
    second.close();
  });
});
