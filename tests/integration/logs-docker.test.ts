import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, until, type SseClient } from './support/client';
import { startServer, type RunningServer } from './support/server';
import { DOCKER_REQUIRED, logLines, removeTestContainers, runContainer, testEngine } from './logs-helpers';

const engine = await testEngine();
if (!engine.docker) {
  console.warn(`[logs-docker] ${DOCKER_REQUIRED ? 'FAILING' : 'skipping'}: ${engine.reason}`);
}

describe('a Docker engine is available to the log tests', () => {
  it.runIf(DOCKER_REQUIRED)('answers (required in CI)', () => {
    expect(engine.docker ? 'available' : engine.reason).toBe('available');
  });
});

describe.skipIf(!engine.docker)('container logs from the real Docker engine', () => {
  const docker = engine.docker!;
  let server: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    await removeTestContainers(docker);
    server = await startServer({ env: { DOCKER_HOST: process.env.DOCKER_HOST! } });
    cookie = await loginCookie(server.base);
    await until(
      () => server.output().includes('[logs] following the Docker engine'),
      20_000,
      'engine followed',
    );
  });
  afterAll(async () => {
    await server?.stop();
    await removeTestContainers(docker);
  });

  const containers = async () =>
    (await (await fetch(`${server.base}/api/logs/containers`, { headers: { cookie } })).json()) as {
      engine: { kind: string; version?: string };
      containers: { name: string; state: string; following: boolean }[];
    };

  it('lists the engine as connected', async () => {
    const info = await containers();
    expect(info.engine).toMatchObject({ kind: 'connected' });
  });

  it("delivers a container's stdout and stderr lines to an SSE client in order", async () => {
    const client = openSse(server.base, '/api/events?streams=logs&container=it-order&logRate=all', {
      cookie,
    });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    const script =
      'for i in 1 2 3 4 5; do echo "out $i"; sleep 0.05; echo "err $i" >&2; sleep 0.05; done; sleep 30';
    await runContainer(docker, 'it-order', script);
    await until(() => logLines(client.messages).length >= 10, 20_000, 'ten lines');
    const lines = logLines(client.messages);
    expect(lines.map((l) => `${l.stream}:${l.line}`)).toEqual(
      [1, 2, 3, 4, 5].flatMap((i) => [`stdout:out ${i}`, `stderr:err ${i}`]),
    );
    expect(lines.every((l, i) => i === 0 || (l.id > lines[i - 1]!.id && l.time >= lines[i - 1]!.time))).toBe(
      true,
    );
    expect(new Set(lines.map((l) => l.container))).toEqual(new Set(['it-order']));
    client.close();
  });

  it('follows a container again after it dies and starts, with no line twice', async () => {
    const client = openSse(server.base, '/api/events?streams=logs&container=it-restart&logRate=all', {
      cookie,
    });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    const container = await runContainer(
      docker,
      'it-restart',
      'echo "boot"; echo "working"; sleep 0.5; echo "dying"; exit 3',
    );
    await until(() => logLines(client.messages).length >= 3, 20_000, 'first run');
    await container.wait();
    for (let i = 0; i < 50; i++) {
      if ((await containers()).containers.find((c) => c.name === 'it-restart')?.state === 'exited') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await containers()).containers.find((c) => c.name === 'it-restart')).toMatchObject({
      state: 'exited',
    });
    await container.start();
    await until(() => logLines(client.messages).length >= 6, 20_000, 'second run');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(logLines(client.messages).map((l) => l.line)).toEqual([
      'boot',
      'working',
      'dying',
      'boot',
      'working',
      'dying',
    ]);
    client.close();
  });

  it('finds a line in history after the client has moved on', async () => {
    const client: SseClient = openSse(
      server.base,
      '/api/events?streams=logs&container=it-history&logRate=all',
      { cookie },
    );
    await until(() => client.messages.some((m) => m.event === 'hello'));
    await runContainer(
      docker,
      'it-history',
      'echo "payment 7731 declined: card expired"; i=0; while [ $i -lt 300 ]; do echo "noise $i"; i=$((i+1)); done; sleep 30',
    );
    await until(() => logLines(client.messages).length >= 301, 20_000, 'all lines');
    client.close();
    const res = await fetch(`${server.base}/api/logs/search?q=payment%20declined&container=it-history`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lines: { line: string; container: string }[] };
    expect(body.lines.map((l) => l.line)).toEqual(['payment 7731 declined: card expired']);
    const regex = await fetch(
      `${server.base}/api/logs/search?regex=noise%202\\d\\d$&container=it-history&limit=1000`,
      {
        headers: { cookie },
      },
    );
    expect(((await regex.json()) as { lines: unknown[] }).lines).toHaveLength(100);
  });
});
