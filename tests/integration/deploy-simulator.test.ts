import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../lib/env';
import type { UpgradeRouter } from '../../lib/server/upgrade-router';
import { DeliveryError, runPipeline, type PipelineKind, type StageName } from '../../simulators/ci/pipeline';
import { loginCookie, openSse, until, type SseClient } from './support/client';
import { startServer, type RunningServer } from './support/server';

const SECRETS = {
  deploy: 'simulator-test-deploy-secret-0123',
  github: 'simulator-test-github-secret-4567',
  gitlab: 'simulator-test-gitlab-token-89ab',
};
/** Stage durations of a few seconds become a few tens of milliseconds. */
const FAST = 0.01;

type Data = Record<string, unknown>;
interface Detail {
  deploy: {
    id: string;
    source: string;
    service: string;
    environment: string;
    status: string;
    percent: number;
    version: string | null;
  };
  steps: { name: string; status: string }[];
}

describe('the CI runner simulator against the real server', () => {
  let server: RunningServer;
  let cookie: string;
  let sse: SseClient;

  const events = (type: string, deployId: string): Data[] =>
    sse.messages
      .filter((m) => m.event === type)
      .map((m) => JSON.parse(m.data) as Data)
      .filter((d) => d.deployId === deployId);
  const detail = async (id: string): Promise<Detail> => {
    const res = await fetch(`${server.base}/api/deploys/${encodeURIComponent(id)}`, { headers: { cookie } });
    expect(res.status, id).toBe(200);
    return (await res.json()) as Detail;
  };
  const drive = (kind: PipelineKind, service: string, fail?: StageName) =>
    runPipeline({
      baseUrl: server.base,
      kind,
      secrets: SECRETS,
      service,
      environment: 'staging',
      fail,
      timeScale: FAST,
    });
  /** Every deploy the pipeline opened was announced, moved and ended on the live stream. */
  const seenLive = async (deployIds: string[]) => {
    for (const id of deployIds) {
      await until(() => events('deploy-complete', id).length === 1, 10_000, `deploy-complete of ${id}`);
      expect(events('deploy-start', id), id).toHaveLength(1);
      expect(events('deploy-progress', id).length, id).toBeGreaterThan(0);
    }
  };

  beforeAll(async () => {
    server = await startServer({
      env: {
        DEPLOY_WEBHOOK_SECRET: SECRETS.deploy,
        GITHUB_WEBHOOK_SECRET: SECRETS.github,
        GITLAB_WEBHOOK_TOKEN: SECRETS.gitlab,
      },
    });
    cookie = await loginCookie(server.base);
    sse = openSse(server.base, '/api/events?streams=deploys', { cookie });
    await until(() => sse.messages.some((m) => m.event === 'hello'));
  });
  afterAll(async () => {
    sse?.close();
    await server?.stop();
  });

  it('drives a generic pipeline through every stage to success', async () => {
    const result = await drive('generic', 'api');
    expect(result).toMatchObject({ kind: 'generic', status: 'success' });
    const [id] = result.deployIds;
    expect(result.deployIds).toEqual([expect.stringMatching(/^sim-api-staging-\d+$/)]);
    await seenLive(result.deployIds);
    expect(events('deploy-start', id!)[0]).toMatchObject({
      service: 'api',
      environment: 'staging',
      source: 'generic',
    });
    const percents = events('deploy-progress', id!).map((d) => d.percent as number);
    expect(percents).toEqual([...percents].sort((a, b) => a - b)); // only ever forward
    expect(events('deploy-complete', id!)[0]).toMatchObject({ status: 'success' });
    const { deploy, steps } = await detail(id!);
    expect(deploy).toMatchObject({ status: 'success', percent: 100, source: 'generic' });
    expect(steps.map((s) => [s.name, s.status])).toEqual(
      ['build', 'test', 'push', 'deploy', 'verify'].map((name) => [name, 'success']),
    );
  });

  it('drives a GitHub workflow run with its jobs, steps and deployment, signed like GitHub', async () => {
    const result = await drive('github', 'web');
    expect(result.status).toBe('success');
    const [runId, deploymentId] = result.deployIds;
    expect(runId).toMatch(/^github-run-\d+$/);
    expect(deploymentId).toMatch(/^github-deployment-\d+$/);
    await seenLive(result.deployIds);

    const run = await detail(runId!);
    expect(run.deploy).toMatchObject({
      status: 'success',
      source: 'github',
      service: 'web',
      environment: 'main',
    });
    const names = run.steps.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['build', 'test', 'push', 'deploy', 'verify', 'test › Unit tests']),
    );
    expect(run.steps.every((s) => s.status === 'success')).toBe(true);
    const deployment = await detail(deploymentId!);
    expect(deployment.deploy).toMatchObject({ status: 'success', environment: 'staging', service: 'web' });
    expect(deployment.deploy.version).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('drives a GitLab pipeline with job and deployment hooks, carrying the token', async () => {
    const result = await drive('gitlab', 'worker');
    expect(result.status).toBe('success');
    const [pipelineId, deploymentId] = result.deployIds;
    expect(pipelineId).toMatch(/^gitlab-pipeline-\d+$/);
    expect(deploymentId).toMatch(/^gitlab-deployment-\d+$/);
    await seenLive(result.deployIds);

    const pipeline = await detail(pipelineId!);
    expect(pipeline.deploy).toMatchObject({
      status: 'success',
      source: 'gitlab',
      service: 'worker',
      percent: 100,
    });
    expect(pipeline.steps.map((s) => [s.name, s.status])).toEqual([
      ['build: build-image', 'success'],
      ['test: unit-and-integration', 'success'],
      ['push: push-image', 'success'],
      ['deploy: deploy-staging', 'success'],
      ['verify: smoke-tests', 'success'],
    ]);
    expect((await detail(deploymentId!)).deploy).toMatchObject({ status: 'success', environment: 'staging' });
  });

  it('ends failing pipelines as failures at the stage that broke, through each webhook kind', async () => {
    const generic = await drive('generic', 'billing', 'test');
    const github = await drive('github', 'api', 'deploy');
    const gitlab = await drive('gitlab', 'web', 'verify');
    for (const result of [generic, github, gitlab]) {
      expect(result.status).toBe('failure');
      await seenLive(result.deployIds);
    }

    const [genericId] = generic.deployIds;
    expect(events('deploy-complete', genericId!)[0]).toMatchObject({ status: 'failure', service: 'billing' });
    expect(String(events('deploy-complete', genericId!)[0]!.message)).not.toBe('');
    expect((await detail(genericId!)).steps.map((s) => [s.name, s.status])).toEqual([
      ['build', 'success'],
      ['test', 'failure'],
    ]);

    // GitHub: the deploy job broke, so the deployment and the run both failed; later jobs never ran.
    const [runId, deploymentId] = github.deployIds;
    const run = await detail(runId!);
    expect(run.deploy.status).toBe('failure');
    expect(run.steps.find((s) => s.name === 'deploy')?.status).toBe('failure');
    expect(run.steps.some((s) => s.name === 'verify')).toBe(false);
    expect((await detail(deploymentId!)).deploy.status).toBe('failure');
    expect(events('deploy-complete', deploymentId!)[0]).toMatchObject({ status: 'failure' });

    // GitLab: verification broke after a good rollout: the deployment succeeded, the pipeline failed.
    const [pipelineId, gitlabDeploymentId] = gitlab.deployIds;
    const pipeline = await detail(pipelineId!);
    expect(pipeline.deploy.status).toBe('failure');
    expect(pipeline.steps.at(-1)).toEqual(
      expect.objectContaining({ name: 'verify: smoke-tests', status: 'failure' }),
    );
    expect((await detail(gitlabDeploymentId!)).deploy.status).toBe('success');
  });

  it('is refused with a wrong secret, so its signatures are really checked', async () => {
    for (const kind of ['generic', 'github', 'gitlab'] as const) {
      const wrong = { deploy: 'x'.repeat(24), github: 'y'.repeat(24), gitlab: 'z'.repeat(24) };
      const attempt = runPipeline({
        baseUrl: server.base,
        kind,
        secrets: wrong,
        service: 'api',
        timeScale: FAST,
      });
      await expect(attempt).rejects.toSatisfy((e) => e instanceof DeliveryError && e.status === 401);
    }
  });

  it('runs as a server service: creates its secrets, drives every kind, and ends its deploys on stop', async () => {
    // The service reads the store through getDb(): point this process at the server's data directory
    // (SQLite in WAL mode takes writers from both processes).
    process.env.DATA_DIR = server.dataDir;
    const { createCiSimulator } = await import('../../simulators/ci-runner');
    const { getDb } = await import('../../lib/server/store');
    const lines: string[] = [];
    const simulator = createCiSimulator({
      pipelinesPerMinute: 600,
      maxConcurrent: 3,
      failureRate: 0,
      timeScale: 0.05,
      baseUrl: () => server.base,
      log: (line) => lines.push(line),
    });
    const env = parseEnv({ PORT: String(server.port), DATA_DIR: server.dataDir, SIMULATORS: 'on' });
    expect(simulator.enabled?.(env)).toBe(true);
    expect(simulator.enabled?.({ ...env, SIMULATORS: 'off' })).toBe(false);
    const before = sse.messages.length;
    await simulator.start({ env, server: {} as Server, upgrades: {} as UpgradeRouter });
    try {
      const names = getDb()
        .prepare(
          "SELECT source FROM webhook_secrets WHERE name = 'simulator' AND revoked_at IS NULL ORDER BY source",
        )
        .pluck()
        .all();
      expect(names).toEqual(['deploy', 'github', 'gitlab']);
      const sources = () =>
        new Set(
          sse.messages
            .slice(before)
            .filter((m) => m.event === 'deploy-start')
            .map((m) => (JSON.parse(m.data) as Data).source),
        );
      const log = () => `; simulator log:\n${lines.join('\n')}`;
      await until(() => sources().size === 3, 20_000, `deploys from all three webhook kinds${log()}`);
      await until(
        () => sse.messages.slice(before).some((m) => m.event === 'deploy-complete'),
        20_000,
        `a finished pipeline${log()}`,
      );
    } finally {
      await simulator.stop();
    }
    expect(lines.join('\n')).toContain('created the github webhook secret "simulator"');
    const running = await fetch(`${server.base}/api/deploys?status=running&limit=500`, {
      headers: { cookie },
    });
    expect(((await running.json()) as { deploys: unknown[] }).deploys).toEqual([]);
    const cancelled = await fetch(`${server.base}/api/deploys?status=cancelled&limit=500`, {
      headers: { cookie },
    });
    const ended = (await cancelled.json()) as { deploys: { message: string | null }[] };
    expect(ended.deploys.length).toBeGreaterThan(0);
    expect(ended.deploys.every((d) => d.message === 'CI simulator stopped')).toBe(true);
  });
});
