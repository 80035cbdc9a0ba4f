import 'server-only';
import { z } from 'zod';
import type { DeployUpdate, StepStatus, UpdateStatus } from './types';

export type MappedEvent =
  | { kind: 'updates'; updates: DeployUpdate[] }
  | { kind: 'ping' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; error: string };

const login = z.object({ login: z.string() }).nullish();
const repository = z.object({ name: z.string().min(1), full_name: z.string().optional() });
const time = z.string().nullish();

const workflowRun = z.object({
  action: z.string(),
  repository,
  sender: login,
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullish(),
    status: z.string().nullish(),
    conclusion: z.string().nullish(),
    head_branch: z.string().nullish(),
    head_sha: z.string().nullish(),
    html_url: z.string().nullish(),
    run_started_at: time,
    updated_at: time,
    actor: login,
  }),
});

const workflowJob = z.object({
  action: z.string(),
  repository,
  sender: login,
  workflow_job: z.object({
    id: z.number(),
    run_id: z.number(),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullish(),
    head_branch: z.string().nullish(),
    head_sha: z.string().nullish(),
    html_url: z.string().nullish(),
    started_at: time,
    completed_at: time,
    steps: z
      .array(
        z.object({
          name: z.string(),
          status: z.string(),
          conclusion: z.string().nullish(),
          started_at: time,
          completed_at: time,
        }),
      )
      .default([]),
  }),
});

const deployment = z.object({
  action: z.string(),
  repository,
  sender: login,
  deployment: z.object({
    id: z.number(),
    environment: z.string().min(1),
    ref: z.string().nullish(),
    sha: z.string().nullish(),
    description: z.string().nullish(),
    creator: login,
    created_at: time,
  }),
});

const deploymentStatus = deployment.extend({
  deployment_status: z.object({
    state: z.string(),
    description: z.string().nullish(),
    environment_url: z.string().nullish(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
    created_at: time,
  }),
});

const ms = (value: string | null | undefined) => {
  const parsed = value ? Date.parse(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};
const httpUrl = (value: string | null | undefined) =>
  value && /^https?:\/\//.test(value) ? value : undefined;
const shortSha = (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : undefined);

/** GitHub conclusions → Signalboard's final statuses. */
function conclusionStatus(conclusion: string | null | undefined): UpdateStatus {
  switch (conclusion) {
    case 'success':
    case 'neutral':
      return 'success';
    case 'cancelled':
    case 'skipped':
    case 'stale':
      return 'cancelled';
    default:
      return 'failure'; // failure, timed_out, startup_failure, action_required
  }
}

function stepStatus(status: string, conclusion: string | null | undefined): StepStatus {
  if (status === 'completed') {
    if (conclusion === 'skipped') return 'skipped';
    const final = conclusionStatus(conclusion);
    return final === 'success' || final === 'failure' ? final : 'cancelled';
  }
  return status === 'in_progress' ? 'running' : 'queued';
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

/**
 * Maps a GitHub webhook (by its X-GitHub-Event name) to deploy updates. A workflow run is a deploy
 * (`github-run-<id>`), its jobs and their steps are the deploy's steps; a deployment is a deploy
 * (`github-deployment-<id>`) moved by its deployment statuses.
 */
export function mapGithubEvent(event: string, payload: unknown): MappedEvent {
  switch (event) {
    case 'ping':
      return { kind: 'ping' };
    case 'workflow_run': {
      const parsed = workflowRun.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const { workflow_run: run, repository: repo, sender } = parsed.data;
      const status: UpdateStatus =
        run.status === 'completed'
          ? conclusionStatus(run.conclusion)
          : run.status === 'in_progress'
            ? 'in_progress'
            : 'started';
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `github-run-${run.id}`,
            source: 'github',
            status,
            service: repo.name,
            environment: run.head_branch ?? 'ci',
            commit: shortSha(run.head_sha),
            triggeredBy: run.actor?.login ?? sender?.login,
            url: httpUrl(run.html_url),
            message: run.name ?? undefined,
            at: status === 'started' ? ms(run.run_started_at) : ms(run.updated_at),
          },
        ],
      };
    }
    case 'workflow_job': {
      const parsed = workflowJob.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const { workflow_job: job, repository: repo, sender } = parsed.data;
      const jobStatus = stepStatus(job.status, job.conclusion);
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `github-run-${job.run_id}`,
            source: 'github',
            // A job ending does not end the run: the workflow_run event does.
            status: 'in_progress',
            service: repo.name,
            environment: job.head_branch ?? 'ci',
            commit: shortSha(job.head_sha),
            triggeredBy: sender?.login,
            step: job.name,
            stepStatus: jobStatus,
            steps: job.steps.map((s) => ({
              name: `${job.name} › ${s.name}`,
              status: stepStatus(s.status, s.conclusion),
              startedAt: ms(s.started_at),
              finishedAt: ms(s.completed_at),
            })),
            at: ms(job.completed_at) ?? ms(job.started_at),
          },
        ],
      };
    }
    case 'deployment': {
      const parsed = deployment.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const { deployment: d, repository: repo, sender } = parsed.data;
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `github-deployment-${d.id}`,
            source: 'github',
            status: 'started',
            service: repo.name,
            environment: d.environment,
            version: d.ref ?? undefined,
            commit: shortSha(d.sha),
            triggeredBy: d.creator?.login ?? sender?.login,
            message: d.description ?? undefined,
            at: ms(d.created_at),
          },
        ],
      };
    }
    case 'deployment_status': {
      const parsed = deploymentStatus.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const { deployment: d, deployment_status: s, repository: repo, sender } = parsed.data;
      if (s.state === 'inactive') return { kind: 'ignored', reason: 'inactive deployment status' };
      const status: UpdateStatus =
        s.state === 'success'
          ? 'success'
          : s.state === 'failure' || s.state === 'error'
            ? 'failure'
            : 'in_progress';
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `github-deployment-${d.id}`,
            source: 'github',
            status,
            service: repo.name,
            environment: d.environment,
            version: d.ref ?? undefined,
            commit: shortSha(d.sha),
            triggeredBy: d.creator?.login ?? sender?.login,
            url: httpUrl(s.environment_url) ?? httpUrl(s.target_url) ?? httpUrl(s.log_url),
            step: status === 'in_progress' ? s.state.replace('_', ' ') : undefined,
            stepStatus: s.state === 'queued' || s.state === 'pending' ? 'queued' : undefined,
            message: s.description || undefined,
            at: ms(s.created_at),
          },
        ],
      };
    }
    default:
      return { kind: 'ignored', reason: `event "${event}" is not used` };
  }
}
