import { nextId } from './ids';
import type { PipelineRun } from './pipeline';

/** GitLab's webhook timestamps: "2024-05-01 10:00:00 UTC". */
const gitlabTime = () =>
  new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');

type JobStatus = 'created' | 'running' | 'success' | 'failed' | 'skipped';
interface Build {
  id: number;
  stage: string;
  name: string;
  status: JobStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** GitLab's job names: one job per stage, named as a .gitlab-ci.yml would. */
const JOB_NAMES: Record<string, (environment: string) => string> = {
  build: () => 'build-image',
  test: () => 'unit-and-integration',
  push: () => 'push-image',
  deploy: (environment) => `deploy-${environment}`,
  verify: () => 'smoke-tests',
};

/**
 * A GitLab CI pipeline as its hooks tell it: `Pipeline Hook` pending → running → success/failed with
 * every job in `builds`, a `Job Hook` as each job starts and ends (later jobs are skipped after a
 * failure), and `Deployment Hook`s for the deploy job. Signalboard shows the pipeline
 * (`gitlab-pipeline-<id>`) and the deployment (`gitlab-deployment-<id>`) as two deploys.
 */
export async function runGitlabPipeline(run: PipelineRun): Promise<void> {
  const pipelineId = nextId();
  const project = {
    id: 2000 + run.service.length,
    name: run.service,
    path_with_namespace: `acme/${run.service}`,
    web_url: `https://gitlab.example.com/acme/${run.service}`,
  };
  const user = { id: 7, name: run.actor, username: run.actor };
  const createdAt = gitlabTime();
  const builds: Build[] = run.stages.map((stage) => ({
    id: nextId(),
    stage: stage.name,
    name: JOB_NAMES[stage.name]?.(run.environment) ?? stage.name,
    status: 'created',
    created_at: createdAt,
    started_at: null,
    finished_at: null,
  }));
  const pipeline = (status: string) =>
    run.send('Pipeline Hook', {
      object_kind: 'pipeline',
      object_attributes: {
        id: pipelineId,
        iid: pipelineId % 10_000,
        ref: 'main',
        tag: false,
        sha: run.commit,
        source: 'push',
        status,
        stages: run.stages.map((s) => s.name),
        created_at: createdAt,
        finished_at: status === 'success' || status === 'failed' ? gitlabTime() : null,
        url: `${project.web_url}/-/pipelines/${pipelineId}`,
      },
      user,
      project,
      commit: { id: run.commit, message: `Release ${run.version}`, author: { name: run.actor } },
      builds: builds.map((b) => ({ ...b })),
    });
  const job = (build: Build) =>
    run.send('Job Hook', {
      object_kind: 'build',
      ref: 'main',
      tag: false,
      sha: run.commit,
      build_id: build.id,
      build_name: build.name,
      build_stage: build.stage,
      build_status: build.status,
      build_created_at: build.created_at,
      build_started_at: build.started_at,
      build_finished_at: build.finished_at,
      pipeline_id: pipelineId,
      project_id: project.id,
      project_name: `Acme / ${run.service}`,
      user,
      project,
    });

  run.opened(`gitlab-pipeline-${pipelineId}`, 'main');
  await pipeline('pending');
  await pipeline('running');
  for (const [index, stage] of run.stages.entries()) {
    const build = builds[index]!;
    const failing = run.failAt === stage.name;
    Object.assign(build, { status: 'running', started_at: gitlabTime() });
    await job(build);
    const deployment = stage.name === 'deploy' ? await openDeployment(run, project, user, build) : null;
    await run.work(stage);
    Object.assign(build, { status: failing ? 'failed' : 'success', finished_at: gitlabTime() });
    await deployment?.(failing ? 'failed' : 'success');
    await job(build);
    if (failing) {
      for (const later of builds.slice(index + 1)) later.status = 'skipped';
      await pipeline('failed');
      return;
    }
  }
  await pipeline('success');
}

/** Starts the GitLab deployment of the deploy job; returns how to report its final state. */
async function openDeployment(
  run: PipelineRun,
  project: { name: string; web_url: string },
  user: { username: string },
  build: Build,
) {
  const deploymentId = nextId();
  const hook = (status: 'running' | 'success' | 'failed') =>
    run.send('Deployment Hook', {
      object_kind: 'deployment',
      status,
      status_changed_at: gitlabTime(),
      deployment_id: deploymentId,
      deployable_id: build.id,
      deployable_url: `${project.web_url}/-/jobs/${build.id}`,
      environment: run.environment,
      environment_external_url: `https://${run.environment === 'production' ? '' : `${run.environment}.`}${run.service}.example.com`,
      short_sha: run.commit.slice(0, 8),
      ref: run.version,
      commit_url: `${project.web_url}/-/commit/${run.commit}`,
      commit_title: `Release ${run.version}`,
      project,
      user,
    });
  run.opened(`gitlab-deployment-${deploymentId}`);
  await hook('running');
  return hook;
}
