/**
 * Helpers of the log integration tests: the private Docker engine (scripts/docker-start.sh exports
 * DOCKER_HOST) and SSE log lines. Without an engine the Docker tests are skipped locally, but in CI
 * (CI set) or with SIGNALBOARD_REQUIRE_DOCKER=1 they fail: a CI run must not pass by skipping them.
 */
import Docker from 'dockerode';
import type { SseMessage } from '../../lib/events/sse-frame';

export const LOG_IMAGE = process.env.SIGNALBOARD_LOG_IMAGE ?? 'localhost/busybox:latest';
export const DOCKER_REQUIRED = !!process.env.CI || process.env.SIGNALBOARD_REQUIRE_DOCKER === '1';

function dockerFromEnv(): Docker | null {
  const host = process.env.DOCKER_HOST;
  if (!host) return null;
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  const match = /^tcp:\/\/([^:]+):(\d+)$/.exec(host);
  return match ? new Docker({ host: match[1], port: Number(match[2]) }) : null;
}

/** The engine the tests use, or the reason there is none. */
export async function testEngine(): Promise<
  { docker: Docker; host: string } | { docker: null; reason: string }
> {
  const docker = dockerFromEnv();
  if (!docker)
    return { docker: null, reason: 'DOCKER_HOST is not set (run: eval "$(bash scripts/docker-start.sh)")' };
  try {
    await docker.ping();
    await docker.getImage(LOG_IMAGE).inspect();
  } catch (error) {
    return {
      docker: null,
      reason: `engine at ${process.env.DOCKER_HOST} not usable: ${(error as Error).message}`,
    };
  }
  return { docker, host: process.env.DOCKER_HOST! };
}

/** A busybox container with no network, running `script` with sh (Init: SIGTERM stops it at once). */
export async function runContainer(docker: Docker, name: string, script: string, tty = false) {
  await docker
    .getContainer(name)
    .remove({ force: true })
    .catch(() => undefined);
  const container = await docker.createContainer({
    name,
    Image: LOG_IMAGE,
    Cmd: ['sh', '-c', script],
    Tty: tty,
    HostConfig: { NetworkMode: 'none', Init: true },
    Labels: { 'signalboard.test': 'logs' },
  });
  await container.start();
  return container;
}

export interface SseLogLine {
  id: number;
  container: string;
  stream: string;
  level: string;
  line: string;
  time: number;
  truncated?: boolean;
}

/** The log-line events among SSE messages, parsed. */
export function logLines(messages: readonly SseMessage[]): SseLogLine[] {
  return messages
    .filter((m) => m.event === 'log-line')
    .map((m) => ({ ...(JSON.parse(m.data) as Omit<SseLogLine, 'id'>), id: Number(m.id) }));
}

export async function removeTestContainers(docker: Docker): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: ['signalboard.test=logs'] } });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
