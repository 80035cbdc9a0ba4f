/**
 * The log simulator: while SIMULATORS=on and a Docker engine answers, it runs three containers from
 * localhost/busybox:latest that log like an HTTP service, a job worker and PostgreSQL (see
 * simulators/logs/scripts.ts), so the logs view has something real to follow. Without an engine it
 * says how to get one. The containers are removed when the server stops.
 */
import Docker from 'dockerode';
import type { Env } from '../lib/env';
import { dockerTarget } from '../lib/server/logs/docker/host';
import type { Service } from '../lib/server/services';
import { DB_SCRIPT, WEB_SCRIPT, WORKER_SCRIPT } from './logs/scripts';

export const SIMULATOR_IMAGE = process.env.SIGNALBOARD_LOG_IMAGE ?? 'localhost/busybox:latest';
const LABEL = 'signalboard.simulator';

/** The containers: name, script, and whether it has a TTY (one does, to exercise the raw stream). */
export const SIMULATED_CONTAINERS = [
  { name: 'sim-web', script: WEB_SCRIPT, tty: false },
  { name: 'sim-worker', script: WORKER_SCRIPT, tty: false },
  { name: 'sim-db', script: DB_SCRIPT, tty: true },
] as const;

const log = (line: string) => console.log(`[sim:logs] ${line}`);

const HOW_TO_CONNECT = [
  'To follow container logs, give Signalboard a Docker engine:',
  '  - an existing one: start with DOCKER_HOST=unix:///var/run/docker.sock (or tcp://host:2375);',
  '  - a private one for trying it out (root, Debian docker.io + busybox-static):',
  '      eval "$(bash scripts/docker-start.sh)" && bash scripts/docker-image.sh',
  '    then start again in that shell (npm run demo).',
  "Or push logs with Loki's API: set LOKI_PUSH_TOKEN and POST to /loki/api/v1/push (see the Logs page).",
].join('\n');

let running: { docker: Docker; ids: string[] } | null = null;

async function startContainers(env: Env): Promise<void> {
  const target = dockerTarget(env.DOCKER_HOST);
  if (!target.ok) {
    log(`${target.error}\n${HOW_TO_CONNECT}`);
    return;
  }
  const docker = new Docker(target.options);
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3_000).unref()),
    ]);
  } catch (error) {
    log(
      `no Docker engine at ${target.label} (${(error as Error).message.split('\n')[0]}).\n${HOW_TO_CONNECT}`,
    );
    return;
  }
  try {
    await docker.getImage(SIMULATOR_IMAGE).inspect();
  } catch {
    log(
      `the engine at ${target.label} has no ${SIMULATOR_IMAGE}: build it with "bash scripts/docker-image.sh".`,
    );
    return;
  }
  const ids: string[] = [];
  for (const spec of SIMULATED_CONTAINERS) {
    // A container left by an earlier run that did not stop cleanly.
    await docker
      .getContainer(spec.name)
      .remove({ force: true })
      .catch(() => undefined);
    const container = await docker.createContainer({
      name: spec.name,
      Image: SIMULATOR_IMAGE,
      Cmd: ['sh', '-c', spec.script],
      Tty: spec.tty,
      Labels: { [LABEL]: 'logs' },
      // Init forwards SIGTERM to the script (sh as PID 1 ignores it), so a stop takes no grace period.
      HostConfig: { NetworkMode: 'none', Init: true },
    });
    await container.start();
    ids.push(container.id);
  }
  running = { docker, ids };
  log(`started ${SIMULATED_CONTAINERS.map((c) => c.name).join(', ')} on ${target.label}`);
}

export const logContainersSimulator: Service = {
  name: 'log simulator',
  enabled: (env) => env.SIMULATORS === 'on',
  start({ env }) {
    // In the background: the server does not wait for an engine that may never answer.
    startContainers(env).catch((error: unknown) => log(`could not start the containers: ${String(error)}`));
  },
  async stop() {
    const current = running;
    running = null;
    if (!current) return;
    await Promise.all(
      current.ids.map(async (id) => {
        const container = current.docker.getContainer(id);
        await container.stop({ t: 1 }).catch(() => undefined);
        await container.remove({ force: true }).catch(() => undefined);
      }),
    );
  },
};
