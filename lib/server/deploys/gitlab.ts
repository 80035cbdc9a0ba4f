import 'server-only';
import { z } from 'zod';
import type { MappedEvent } from './github';
import type { StepStatus, UpdateStatus } from './types';

const project = z.object({ name: z.string().min(1), web_url: z.string().nullish() });
const user = z.object({ username: z.string().nullish(), name: z.string().nullish() }).nullish();
const time = z.string().nullish();

const pipeline = z.object({
  object_kind: z.literal('pipeline'),
  project,
  user,
  object_attributes: z.object({
    id: z.number(),
    ref: z.string().nullish(),
    sha: z.string().nullish(),
    status: z.string(),
    url: z.string().nullish(),
    created_at: time,
    finished_at: time,
  }),
  builds: z
    .array(
      z.object({
        name: z.string(),
        stage: z.string().nullish(),
        status: z.string(),
        started_at: time,
        finished_at: time,
      }),
    )
    .nullish(),
});

const job = z.object({
  object_kind: z.literal('build'),
  build_name: z.string(),
  build_stage: z.string().nullish(),
  build_status: z.string(),
  build_started_at: time,
  build_finished_at: time,
  pipeline_id: z.number(),
  ref: z.string().nullish(),
  sha: z.string().nullish(),
  project_name: z.string().nullish(),
  project: project.nullish(),
  user,
});

const deployment = z.object({
  object_kind: z.literal('deployment'),
  deployment_id: z.number(),
  status: z.string(),
  environment: z.string().min(1),
  deployable_url: z.string().nullish(),
  environment_external_url: z.string().nullish(),
  short_sha: z.string().nullish(),
  ref: z.string().nullish(),
  status_changed_at: time,
  project,
  user,
});

/** GitLab's time format is "2024-05-01 10:00:00 UTC" or ISO 8601. */
const ms = (value: string | null | undefined) => {
  if (!value) return undefined;
  const parsed = Date.parse(value.replace(/ UTC$/, 'Z').replace(' ', 'T'));
  return Number.isFinite(parsed) ? parsed : undefined;
};
const httpUrl = (value: string | null | undefined) =>
  value && /^https?:\/\//.test(value) ? value : undefined;

function finalStatus(status: string): UpdateStatus | null {
  if (status === 'success') return 'success';
  if (status === 'failed') return 'failure';
  if (status === 'canceled' || status === 'skipped') return 'cancelled';
  return null;
}

function stepStatus(status: string): StepStatus {
  switch (status) {
    case 'success':
      return 'success';
    case 'failed':
      return 'failure';
    case 'canceled':
      return 'cancelled';
    case 'skipped':
    case 'manual':
      return 'skipped';
    case 'running':
      return 'running';
    default:
      return 'queued';
  }
}

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');

/**
 * Maps a GitLab webhook (by X-Gitlab-Event) to deploy updates: a pipeline is a deploy
 * (`gitlab-pipeline-<id>`) whose jobs are its steps; a deployment is a deploy (`gitlab-deployment-<id>`).
 */
export function mapGitlabEvent(event: string, payload: unknown): MappedEvent {
  switch (event) {
    case 'Pipeline Hook': {
      const parsed = pipeline.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const { object_attributes: p, project: proj, user: u, builds } = parsed.data;
      const final = finalStatus(p.status);
      const status: UpdateStatus = final ?? (p.status === 'running' ? 'in_progress' : 'started');
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `gitlab-pipeline-${p.id}`,
            source: 'gitlab',
            status,
            service: proj.name,
            environment: p.ref ?? 'ci',
            commit: p.sha?.slice(0, 12),
            triggeredBy: u?.username ?? u?.name ?? undefined,
            url:
              httpUrl(p.url) ?? (proj.web_url ? httpUrl(`${proj.web_url}/-/pipelines/${p.id}`) : undefined),
            steps: (builds ?? []).map((b) => ({
              name: b.stage ? `${b.stage}: ${b.name}` : b.name,
              status: stepStatus(b.status),
              startedAt: ms(b.started_at),
              finishedAt: ms(b.finished_at),
            })),
            at: final ? ms(p.finished_at) : ms(p.created_at),
          },
        ],
      };
    }
    case 'Job Hook': {
      const parsed = job.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const j = parsed.data;
      const name = j.build_stage ? `${j.build_stage}: ${j.build_name}` : j.build_name;
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `gitlab-pipeline-${j.pipeline_id}`,
            source: 'gitlab',
            status: 'in_progress',
            service: j.project?.name ?? j.project_name ?? undefined,
            environment: j.ref ?? 'ci',
            commit: j.sha?.slice(0, 12),
            triggeredBy: j.user?.username ?? undefined,
            step: name,
            stepStatus: stepStatus(j.build_status),
            at: ms(j.build_finished_at) ?? ms(j.build_started_at),
          },
        ],
      };
    }
    case 'Deployment Hook': {
      const parsed = deployment.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: issues(parsed.error) };
      const d = parsed.data;
      const final = finalStatus(d.status);
      return {
        kind: 'updates',
        updates: [
          {
            deployId: `gitlab-deployment-${d.deployment_id}`,
            source: 'gitlab',
            status: final ?? (d.status === 'running' ? 'in_progress' : 'started'),
            service: d.project.name,
            environment: d.environment,
            version: d.ref ?? undefined,
            commit: d.short_sha ?? undefined,
            triggeredBy: d.user?.username ?? undefined,
            url: httpUrl(d.environment_external_url) ?? httpUrl(d.deployable_url),
            step: final ? undefined : d.status,
            at: ms(d.status_changed_at),
          },
        ],
      };
    }
    default:
      return { kind: 'ignored', reason: `event "${event}" is not used` };
  }
}
