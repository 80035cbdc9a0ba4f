/**
 * The CI runner simulator: while SIMULATORS=on it drives realistic pipelines for a few services
 * through every webhook kind Signalboard accepts (generic signed, GitHub, GitLab), over real HTTP to
 * the server's own port with real signatures, so the deploys view shows what a live CI produces.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Env } from '../lib/env';
import { applyDeployUpdate } from '../lib/server/deploys/ingest';
import type { DeploySource } from '../lib/server/deploys/types';
import { getBus } from '../lib/server/bus';
import type { Service } from '../lib/server/services';
import { getDb, type Db } from '../lib/server/store';
import { createSecret, type SecretSource } from '../lib/server/webhooks/secrets';
import { PIPELINE_KINDS, runPipeline, type OpenedDeploy, type PipelineKind } from './ci/pipeline';

export { runPipeline, type OpenedDeploy, type PipelineOptions, type PipelineResult } from './ci/pipeline';

/** How busy the simulated CI is. Defaults suit a demo: a pipeline every 15 s or so, 15 % failing. */
export interface CiSimulatorOptions {
  /** Average pipelines started per minute (arrivals are random, as pushes are). Default 4. */
  pipelinesPerMinute?: number;
  /** Pipelines running at once at most; an arrival beyond it is dropped. Default 3. */
  maxConcurrent?: number;
  /** Share of pipelines that fail, 0 to 1. Default 0.15. */
  failureRate?: number;
  /** Multiplies the demo stage durations (a few seconds each). Default 1. */
  timeScale?: number;
  services?: readonly string[];
  /** Picked with these weights: staging more often than production. */
  environments?: readonly { name: string; weight: number }[];
  kinds?: readonly PipelineKind[];
  /** Default: the server's own port, `http://127.0.0.1:${PORT}`. */
  baseUrl?: (env: Env) => string;
  log?: (line: string) => void;
}

const SECRET_NAME = 'simulator';
const SOURCE_OF: Record<PipelineKind, Exclude<SecretSource, 'loki'>> = {
  generic: 'deploy',
  github: 'github',
  gitlab: 'gitlab',
};
const DEPLOY_SOURCE: Record<PipelineKind, DeploySource> = {
  generic: 'generic',
  github: 'github',
  gitlab: 'gitlab',
};
const LOG_EVERY_MS = 30_000;

/** The simulator's own secret for a source, if it has one that was not revoked. */
function simulatorSecret(db: Db, source: SecretSource): string | undefined {
  return db
    .prepare(
      `SELECT secret FROM webhook_secrets WHERE source = ? AND name = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get(source, SECRET_NAME) as string | undefined;
}

/** Creates the 'simulator' secret of each source that has none, so admins see (and can revoke) it. */
function ensureSecrets(db: Db, log: (line: string) => void): void {
  for (const source of Object.values(SOURCE_OF)) {
    if (simulatorSecret(db, source)) continue;
    createSecret(db, { source, name: SECRET_NAME });
    log(`created the ${source} webhook secret "${SECRET_NAME}"`);
  }
}

async function waitForHealth(baseUrl: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250, undefined, { signal });
  }
}

function weighted<T>(items: readonly { value: T; weight: number }[]): T {
  let roll = Math.random() * items.reduce((sum, i) => sum + i.weight, 0);
  for (const item of items) if ((roll -= item.weight) < 0) return item.value;
  return items[0]!.value;
}

/** Builds the simulator as a server {@link Service}; see {@link CiSimulatorOptions} for the knobs. */
export function createCiSimulator(options: CiSimulatorOptions = {}): Service {
  const perMinute = options.pipelinesPerMinute ?? 4;
  const maxConcurrent = options.maxConcurrent ?? 3;
  const failureRate = options.failureRate ?? 0.15;
  const services = options.services ?? ['api', 'web', 'worker', 'billing'];
  const environments = (
    options.environments ?? [
      { name: 'staging', weight: 0.65 },
      { name: 'production', weight: 0.35 },
    ]
  ).map((e) => ({ value: e.name, weight: e.weight }));
  const kinds = options.kinds ?? PIPELINE_KINDS;
  const log = options.log ?? ((line: string) => console.log(`[ci-simulator] ${line}`));

  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;
  /** Pipelines in flight, with the deploys each has opened. */
  const inFlight = new Map<Promise<unknown>, { kind: PipelineKind; deploys: OpenedDeploy[] }>();
  let lastLog = 0;
  let quiet = 0;
  const warn = (line: string) => {
    if (Date.now() - lastLog < LOG_EVERY_MS) return void quiet++;
    log(`${line}${quiet ? ` (and ${quiet} similar since)` : ''}`);
    lastLog = Date.now();
    quiet = 0;
  };

  const launch = (baseUrl: string, signal: AbortSignal) => {
    if (signal.aborted || inFlight.size >= maxConcurrent) return;
    const kind = kinds[Math.floor(Math.random() * kinds.length)]!;
    const secret = simulatorSecret(getDb(), SOURCE_OF[kind]);
    if (!secret)
      return warn(
        `the ${SOURCE_OF[kind]} secret "${SECRET_NAME}" was revoked; not sending ${kind} pipelines`,
      );
    const entry = { kind, deploys: [] as OpenedDeploy[] };
    const pipeline = runPipeline({
      baseUrl,
      kind,
      secrets: { [SOURCE_OF[kind]]: secret },
      service: services[Math.floor(Math.random() * services.length)]!,
      environment: weighted(environments),
      fail: Math.random() < failureRate,
      timeScale: options.timeScale,
      signal,
      onDeploy: (deploy) => entry.deploys.push(deploy),
    })
      .catch((error: unknown) => {
        if (!signal.aborted) warn(`${kind} pipeline stopped: ${(error as Error).message}`);
      })
      .finally(() => inFlight.delete(pipeline));
    inFlight.set(pipeline, entry);
  };

  const schedule = (baseUrl: string, signal: AbortSignal) => {
    if (signal.aborted) return; // stop() came while the health check was answering
    // Exponential gaps between arrivals (a Poisson process), bounded so the demo never stalls.
    const meanMs = 60_000 / perMinute;
    const gap = Math.min(4 * meanMs, -Math.log(1 - Math.random()) * meanMs);
    timer = setTimeout(() => {
      launch(baseUrl, signal);
      schedule(baseUrl, signal);
    }, gap);
    timer.unref();
  };

  return {
    name: 'ci-simulator',
    enabled: (env) => env.SIMULATORS === 'on',
    start({ env }) {
      const baseUrl = options.baseUrl?.(env) ?? `http://127.0.0.1:${env.PORT}`;
      ensureSecrets(getDb(), log);
      controller = new AbortController();
      const { signal } = controller;
      // start() runs before the server listens: wait for it in the background, then begin.
      loop = waitForHealth(baseUrl, signal).then(
        () => {
          log(`driving ~${perMinute} pipelines a minute against ${baseUrl}`);
          launch(baseUrl, signal);
          schedule(baseUrl, signal);
        },
        () => undefined,
      );
    },
    async stop() {
      clearTimeout(timer);
      controller?.abort(new Error('simulator stopped'));
      await loop;
      const running = [...inFlight.values()];
      await Promise.allSettled(inFlight.keys());
      // The HTTP server is closing by now, so the pipelines cut short are ended in-process: otherwise
      // they would show as running forever. A deploy that had already ended ignores this; one whose
      // first webhook is still in flight is opened as cancelled, so that webhook is ignored when it lands.
      // BEGIN IMMEDIATE takes the write lock up front (waiting for it), where a deferred transaction
      // could fail to upgrade while another connection writes.
      const db = getDb();
      const bus = getBus();
      db.transaction(() => {
        for (const { kind, deploys } of running) {
          for (const deploy of deploys) {
            applyDeployUpdate(db, bus, {
              ...deploy,
              source: DEPLOY_SOURCE[kind],
              status: 'cancelled',
              message: 'CI simulator stopped',
            });
          }
        }
      }).immediate();
    },
  };
}

/** The simulator with its demo defaults, for the SERVICES list in server.ts. */
export const ciSimulatorService: Service = createCiSimulator();
