import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { deliver, type PipelineKind, type WebhookSecrets } from './deliver';
import { runGenericPipeline } from './generic';
import { runGithubPipeline } from './github';
import { runGitlabPipeline } from './gitlab';
import { ACTORS, STAGES, pick, pickFailingStage, type Stage, type StageName } from './stages';

export { PIPELINE_KINDS, DeliveryError, type PipelineKind, type WebhookSecrets } from './deliver';
export { STAGE_NAMES, type StageName } from './stages';

/** One pipeline to drive against a Signalboard. */
export interface PipelineOptions {
  /** Signalboard's base URL, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Which webhook it reports through. */
  kind: PipelineKind;
  /** Only the one for `kind` is needed. */
  secrets: WebhookSecrets;
  service: string;
  /** Default `staging`. */
  environment?: string;
  /** `true` breaks at a stage picked as real failures spread; a stage name breaks there. */
  fail?: boolean | StageName;
  /** Multiplies the demo durations (a few seconds per stage); tests use about 0.01. */
  timeScale?: number;
  /** Aborts the pipeline between (and during) requests; it then rejects with the abort reason. */
  signal?: AbortSignal;
  random?: () => number;
  /** Called with each Signalboard deploy the pipeline opens, before its first webhook is sent. */
  onDeploy?: (deploy: OpenedDeploy) => void;
}

/** A deploy as Signalboard will know it (GitHub runs and GitLab pipelines take the branch as environment). */
export interface OpenedDeploy {
  deployId: string;
  service: string;
  environment: string;
}

export interface PipelineResult {
  kind: PipelineKind;
  status: 'success' | 'failure';
  failedStage?: StageName;
  /** The Signalboard deploys it opened: the run or pipeline, and the deployment when it got that far. */
  deployIds: string[];
}

/** What a flow (generic, GitHub, GitLab) gets: the run's facts and its means to report and to wait. */
export interface PipelineRun {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  /** 40 hex digits, as a CI system gives it. */
  readonly commit: string;
  readonly actor: string;
  readonly stages: readonly Stage[];
  readonly failAt: StageName | null;
  readonly random: () => number;
  /** Sends one webhook of the pipeline's kind. */
  send(event: string, payload: unknown): Promise<unknown>;
  /** Waits `share` of the stage's duration in this run. */
  work(stage: Stage, share?: number): Promise<void>;
  /** Records a deploy the pipeline is about to open; its environment defaults to the run's. */
  opened(deployId: string, environment?: string): void;
  failureMessage(stage: Stage): string;
}

const FLOWS: Record<PipelineKind, (run: PipelineRun) => Promise<void>> = {
  generic: runGenericPipeline,
  github: runGithubPipeline,
  gitlab: runGitlabPipeline,
};

/**
 * Drives one whole pipeline (build, test, push, deploy, verify) against Signalboard through one
 * webhook kind, with real HTTP requests and real signatures, waiting each stage's duration. Resolves
 * once the last webhook was accepted; rejects with a DeliveryError when Signalboard refuses one.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const random = options.random ?? Math.random;
  const scale = options.timeScale ?? 1;
  const failAt = options.fail === true ? pickFailingStage(random) : options.fail || null;
  const durations = new Map(STAGES.map((s) => [s.name, s.ms * scale * (0.7 + 0.6 * random())]));
  const deployIds: string[] = [];
  const run: PipelineRun = {
    service: options.service,
    environment: options.environment ?? 'staging',
    version: `v${1 + Math.floor(random() * 3)}.${Math.floor(random() * 40)}.${Math.floor(random() * 10)}`,
    commit: randomBytes(20).toString('hex'),
    actor: pick(ACTORS, random),
    stages: STAGES,
    failAt,
    random,
    send: (event, payload) =>
      deliver(options.baseUrl, options.kind, event, payload, options.secrets, options.signal),
    work: async (stage, share = 1) => {
      await sleep(Math.round((durations.get(stage.name) ?? 0) * share), undefined, {
        signal: options.signal,
      });
    },
    opened: (deployId, environment = run.environment) => {
      deployIds.push(deployId);
      options.onDeploy?.({ deployId, service: options.service, environment });
    },
    failureMessage: (stage) => pick(stage.failures, random),
  };
  await FLOWS[options.kind](run);
  return failAt
    ? { kind: options.kind, status: 'failure', failedStage: failAt, deployIds }
    : { kind: options.kind, status: 'success', deployIds };
}
