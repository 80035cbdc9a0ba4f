import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, until, type SseClient } from './support/client';
import { freePort, startServer, type RunningServer } from './support/server';

const CLI = fileURLToPath(new URL('../../bin/signalboard-notify.mjs', import.meta.url));
const SECRET = 'notifier-test-secret-0123456789';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the notifier as a CI job would, in its own working directory and with a clean environment
 * (no inherited CI variables that would change how it derives the deploy id).
 */
function notify(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
}

const workDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'signalboard-notify-'));
const stateOf = (cwd: string) =>
  JSON.parse(fs.readFileSync(path.join(cwd, '.signalboard-deploy'), 'utf8')) as { deployId: string };

type Data = Record<string, unknown>;
const eventsOf = (sse: SseClient, type: string, deployId: string): Data[] =>
  sse.messages
    .filter((m) => m.event === type)
    .map((m) => JSON.parse(m.data) as Data)
    .filter((d) => d.deployId === deployId);

interface DeployDetail {
  deploy: {
    status: string;
    percent: number;
    environment: string;
    version: string | null;
    message: string | null;
  };
  steps: { name: string; status: string; startedAt: number | null; finishedAt: number | null }[];
  changes: { status: string; step: string | null; message: string | null }[];
}

describe('signalboard-notify against the real server', () => {
  let server: RunningServer;
  let cookie: string;
  let sse: SseClient;
  let env: Record<string, string>;

  const detail = async (id: string) => {
    const res = await fetch(`${server.base}/api/deploys/${encodeURIComponent(id)}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as DeployDetail;
  };

  beforeAll(async () => {
    server = await startServer({ env: { DEPLOY_WEBHOOK_SECRET: SECRET } });
    cookie = await loginCookie(server.base);
    env = { SIGNALBOARD_URL: server.base, SIGNALBOARD_DEPLOY_SECRET: SECRET };
    sse = openSse(server.base, '/api/events?streams=deploys', { cookie });
    await until(() => sse.messages.some((m) => m.event === 'hello'));
  });
  afterAll(async () => {
    sse?.close();
    await server?.stop();
  });

  it('drives a whole deploy: start, progress, a wrapped command, complete', async () => {
    const cwd = workDir();
    const start = await notify(
      [
        'start',
        '--service',
        'api',
        '--environment',
        'staging',
        '--version',
        'v1.2.3',
        '--commit',
        'abc1234',
        '--url',
        'https://ci.example.com/runs/1',
        '--message',
        'release 1.2.3',
      ],
      { cwd, env },
    );
    expect(start.code, start.stderr).toBe(0);
    const { deployId } = stateOf(cwd);
    expect(deployId).toMatch(/^deploy-/);

    const progress = await notify(
      ['progress', '--step', 'build', '--percent', '25', '--message', 'compiling'],
      { cwd, env },
    );
    expect(progress.code, progress.stderr).toBe(0);
    const run = await notify(
      [
        'run',
        '--step',
        'test',
        '--percent',
        '60',
        '--',
        process.execPath,
        '-e',
        "console.log('412 tests passed')",
      ],
      { cwd, env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('412 tests passed'); // the command's output is passed through
    const complete = await notify(['complete', '--status', 'success', '--message', 'all green'], {
      cwd,
      env,
    });
    expect(complete.code, complete.stderr).toBe(0);
    expect(fs.existsSync(path.join(cwd, '.signalboard-deploy'))).toBe(false);

    await until(() => eventsOf(sse, 'deploy-complete', deployId).length === 1, 10_000, 'deploy-complete');
    expect(eventsOf(sse, 'deploy-start', deployId)).toEqual([
      expect.objectContaining({
        service: 'api',
        environment: 'staging',
        version: 'v1.2.3',
        commit: 'abc1234',
        source: 'generic',
        url: 'https://ci.example.com/runs/1',
        message: 'release 1.2.3',
      }),
    ]);
    const steps = eventsOf(sse, 'deploy-progress', deployId).map((d) => [d.step, d.percent, d.status]);
    expect(steps).toEqual([
      ['build', 25, 'running'],
      ['test', 60, 'running'],
    ]);
    expect(eventsOf(sse, 'deploy-progress', deployId)[0]).toMatchObject({ message: 'compiling' });
    expect(eventsOf(sse, 'deploy-complete', deployId)[0]).toMatchObject({
      service: 'api',
      status: 'success',
      message: 'all green',
    });

    const { deploy, steps: stored } = await detail(deployId);
    expect(deploy).toMatchObject({
      status: 'success',
      percent: 100,
      environment: 'staging',
      version: 'v1.2.3',
    });
    expect(stored.map((s) => [s.name, s.status])).toEqual([
      ['build', 'success'],
      ['test', 'success'],
    ]);
    expect(stored.every((s) => s.startedAt !== null && s.finishedAt !== null)).toBe(true);
  });

  it('reports a failing wrapped command with the end of its output and exits with its code', async () => {
    const cwd = workDir();
    expect((await notify(['start', '--service', 'billing'], { cwd, env })).code).toBe(0);
    const { deployId } = stateOf(cwd);
    const script =
      "for (let i = 0; i < 50; i++) console.log('row ' + i); console.error('migration 42 failed'); process.exit(7)";
    const run = await notify(['run', '--step', 'migrate', '--', process.execPath, '-e', script], {
      cwd,
      env,
    });
    expect(run.code).toBe(7);
    expect(run.stdout).toContain('row 0\n');
    expect(run.stdout).toContain('row 49\n');

    await until(() => eventsOf(sse, 'deploy-complete', deployId).length === 1, 10_000, 'deploy-complete');
    const complete = eventsOf(sse, 'deploy-complete', deployId)[0]!;
    expect(complete.status).toBe('failure');
    const message = String(complete.message);
    expect(message).toMatch(/^migrate failed with exit code 7 after \d+\.\d s\n/);
    expect(message).toContain('migration 42 failed');
    expect(message).toContain('row 49');
    expect(message).not.toContain('row 10\n'); // only the last lines are kept
    expect(message.split('\n').length).toBeLessThanOrEqual(21);

    const { deploy, steps } = await detail(deployId);
    expect(deploy.status).toBe('failure');
    expect(steps.map((s) => [s.name, s.status])).toEqual([['migrate', 'failure']]);
  });

  it('takes the deploy id from the CI run and ends the deploy with run --complete', async () => {
    const cwd = workDir();
    const ci = { ...env, GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2', SIGNALBOARD_SERVICE: 'web' };
    // No `start`: the first report carries the service, so it opens the deploy itself.
    const run = await notify(['run', '--step', 'smoke', '--complete', '--', process.execPath, '-e', ''], {
      cwd,
      env: ci,
    });
    expect(run.code, run.stderr).toBe(0);
    await until(
      () => eventsOf(sse, 'deploy-complete', 'gh-777-2-web').length === 1,
      10_000,
      'deploy-complete',
    );
    expect(eventsOf(sse, 'deploy-start', 'gh-777-2-web')).toEqual([
      expect.objectContaining({ service: 'web', source: 'generic' }),
    ]);
    expect(eventsOf(sse, 'deploy-complete', 'gh-777-2-web')[0]).toMatchObject({ status: 'success' });
    const { deploy, steps } = await detail('gh-777-2-web');
    expect(deploy.status).toBe('success');
    expect(steps.map((s) => [s.name, s.status])).toEqual([['smoke', 'success']]);
  });

  it('retries with backoff while the dashboard is down, then warns and exits 0 (3 with --strict)', async () => {
    const cwd = workDir();
    const down = {
      SIGNALBOARD_URL: `http://127.0.0.1:${await freePort()}`,
      SIGNALBOARD_DEPLOY_SECRET: SECRET,
    };
    const retry = { ...down, SIGNALBOARD_ATTEMPTS: '3', SIGNALBOARD_BACKOFF_MS: '200' };
    const result = await notify(['start', '--service', 'api'], { cwd, env: retry });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/attempt 1\/3 failed \(ECONNREFUSED\); retrying in \d+ ms/);
    expect(result.stderr).toMatch(/attempt 2\/3 failed/);
    expect(result.stderr).not.toMatch(/attempt 3\/3 failed/);
    expect(result.stderr).toMatch(
      /could not report deploy .* started .*: unreachable after 3 attempts \(ECONNREFUSED\)/,
    );
    // Backoff of 200 ms doubling, half of each step jittered: at least 100 + 200 ms in all.
    expect(result.ms).toBeGreaterThanOrEqual(300);

    const strict = await notify(['progress', '--step', 'build', '--strict'], {
      cwd,
      env: { ...retry, SIGNALBOARD_ATTEMPTS: '1' },
    });
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/unreachable after 1 attempts/);

    // The wrapped command still runs, and its own exit code wins over --strict.
    const run = await notify(['run', '--strict', '--', process.execPath, '-e', 'process.exit(5)'], {
      cwd,
      env: { ...retry, SIGNALBOARD_ATTEMPTS: '1' },
    });
    expect(run.code).toBe(5);
  });

  it('gives up on a dashboard that sends headers and then stalls, within the per-request timeout', async () => {
    const stalled = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":'); // and never the rest
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stalled.address() as { port: number }).port;
      const result = await notify(['start', '--service', 'api', '--timeout', '1', '--attempts', '2'], {
        cwd: workDir(),
        env: { ...env, SIGNALBOARD_URL: `http://127.0.0.1:${port}`, SIGNALBOARD_BACKOFF_MS: '50' },
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/attempt 1\/2 failed \(no answer within 1 s\)/);
      expect(result.stderr).toMatch(/unreachable after 2 attempts \(no answer within 1 s\)/);
      expect(result.ms).toBeLessThan(10_000);
    } finally {
      stalled.closeAllConnections();
      stalled.close();
    }
  });

  it('says so when the secret is wrong (401) and does not retry a refusal', async () => {
    const cwd = workDir();
    const wrong = { ...env, SIGNALBOARD_DEPLOY_SECRET: 'not-the-secret-at-all-000' };
    const result = await notify(['start', '--service', 'api'], { cwd, env: wrong });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('refused (401): Signature does not match.');
    expect(result.stderr).toContain('Check SIGNALBOARD_DEPLOY_SECRET');
    expect(result.stderr).not.toContain('attempt 1/');
    expect((await notify(['start', '--service', 'api', '--strict'], { cwd, env: wrong })).code).toBe(3);
  });

  it('signs every retry anew with the same Idempotency-Key, so a lost answer does not double a step', async () => {
    // A proxy that delivers the first request but loses its answer, as a flaky network would.
    const seen: { key: string; timestamp: string }[] = [];
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          key: String(req.headers['idempotency-key']),
          timestamp: String(req.headers['x-signalboard-timestamp']),
        });
        void fetch(`${server.base}${req.url}`, {
          method: 'POST',
          headers: Object.fromEntries(
            ['content-type', 'idempotency-key', 'x-signalboard-timestamp', 'x-signalboard-signature'].map(
              (h) => [h, String(req.headers[h])],
            ),
          ),
          body: Buffer.concat(chunks),
        }).then(async (upstream) => {
          const body = await upstream.text();
          if (seen.length === 1) res.writeHead(502).end('bad gateway');
          else res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    try {
      const cwd = workDir();
      const viaProxy = { ...env, SIGNALBOARD_URL: `http://127.0.0.1:${port}`, SIGNALBOARD_BACKOFF_MS: '50' };
      expect(
        (await notify(['start', '--service', 'worker', '--deploy-id', 'it-notify-retry'], { cwd, env })).code,
      ).toBe(0);
      const result = await notify(['progress', '--step', 'push', '--percent', '40'], { cwd, env: viaProxy });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/attempt 1\/5 failed \(HTTP 502: bad gateway\)/);
      expect(result.stderr).toContain('(already received)');
      expect(seen).toHaveLength(2);
      expect(seen[1]!.key).toBe(seen[0]!.key);
      const { changes } = await detail('it-notify-retry');
      expect(changes.filter((c) => c.step === 'push')).toHaveLength(1);
    } finally {
      proxy.close();
    }
  });

  it('refuses bad arguments with exit code 2 before sending anything', async () => {
    const cwd = workDir();
    for (const args of [
      ['progress', '--step', 'build', '--percent', '101'],
      ['progress', '--step', 'build', '--percent', 'half'],
      ['complete', '--status', 'done'],
      ['progress'],
      ['run', '--step', 'x'],
      ['deploy'],
    ]) {
      const result = await notify(args, { cwd, env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('--help');
    }
    const help = await notify(['--help'], { cwd, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
  });
});
