import { nextId } from './ids';
import type { PipelineRun } from './pipeline';
import type { Stage } from './stages';

const ORG = 'acme';
/** GitHub's timestamps: ISO 8601 to the second. */
const iso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

interface GithubStep {
  name: string;
  number: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | null;
  started_at: string | null;
  completed_at: string | null;
}

/**
 * A GitHub Actions workflow as its webhooks tell it: `workflow_run` requested → in_progress →
 * completed, one `workflow_job` per stage (in_progress, then completed with its steps), and for the
 * deploy stage a `deployment` with its `deployment_status` updates. Signalboard shows the run
 * (`github-run-<id>`) and the deployment (`github-deployment-<id>`) as two deploys.
 */
export async function runGithubPipeline(run: PipelineRun): Promise<void> {
  const runId = nextId();
  const repository = {
    id: 1000 + run.service.length,
    name: run.service,
    full_name: `${ORG}/${run.service}`,
    html_url: `https://github.com/${ORG}/${run.service}`,
  };
  const sender = { login: run.actor, type: 'User' };
  const runUrl = `${repository.html_url}/actions/runs/${runId}`;
  const runStartedAt = iso();
  const post = (event: string, action: string, body: object) =>
    run.send(event, { action, ...body, repository, sender });
  const workflowRun = (status: string, conclusion: string | null) => ({
    id: runId,
    name: `Deploy to ${run.environment}`,
    run_number: runId % 10_000,
    run_attempt: 1,
    event: 'push',
    status,
    conclusion,
    head_branch: 'main',
    head_sha: run.commit,
    html_url: runUrl,
    created_at: runStartedAt,
    run_started_at: runStartedAt,
    updated_at: iso(),
    actor: sender,
  });

  /** Runs one job; resolves false when it failed. */
  const job = async (stage: Stage): Promise<boolean> => {
    const jobId = nextId();
    const jobUrl = `${runUrl}/job/${jobId}`;
    const startedAt = iso();
    const failing = run.failAt === stage.name;
    const steps: GithubStep[] = stage.steps.map((name, i) => ({
      name,
      number: i + 1,
      status: 'queued',
      conclusion: null,
      started_at: null,
      completed_at: null,
    }));
    const payload = (status: string, conclusion: string | null) => ({
      workflow_job: {
        id: jobId,
        run_id: runId,
        run_url: runUrl,
        name: stage.name,
        status,
        conclusion,
        head_branch: 'main',
        head_sha: run.commit,
        html_url: jobUrl,
        started_at: startedAt,
        completed_at: status === 'completed' ? iso() : null,
        runner_name: 'GitHub Actions 2',
        labels: ['ubuntu-latest'],
        steps: steps.map((s) => ({ ...s })),
      },
    });
    Object.assign(steps[0]!, { status: 'in_progress', started_at: startedAt });
    await post('workflow_job', 'in_progress', payload('in_progress', null));
    const deployment = stage.name === 'deploy' ? await openDeployment(run, post, jobUrl) : null;
    for (const [i, step] of steps.entries()) {
      step.started_at ??= iso();
      step.status = 'in_progress';
      await run.work(stage, 1 / steps.length);
      const last = i === steps.length - 1;
      Object.assign(step, {
        status: 'completed',
        conclusion: failing && last ? 'failure' : 'success',
        completed_at: iso(),
      });
    }
    const message = failing ? run.failureMessage(stage) : `${run.version} rolled out`;
    await deployment?.(failing ? 'failure' : 'success', message);
    await post('workflow_job', 'completed', payload('completed', failing ? 'failure' : 'success'));
    return !failing;
  };

  run.opened(`github-run-${runId}`, 'main');
  await post('workflow_run', 'requested', { workflow_run: workflowRun('queued', null) });
  await post('workflow_run', 'in_progress', { workflow_run: workflowRun('in_progress', null) });
  for (const stage of run.stages) {
    if (!(await job(stage))) {
      await post('workflow_run', 'completed', { workflow_run: workflowRun('completed', 'failure') });
      return;
    }
  }
  await post('workflow_run', 'completed', { workflow_run: workflowRun('completed', 'success') });
}

/** Creates the GitHub deployment of the deploy job; returns how to report its final state. */
async function openDeployment(
  run: PipelineRun,
  post: (event: string, action: string, body: object) => Promise<unknown>,
  jobUrl: string,
) {
  const deployment = {
    id: nextId(),
    task: 'deploy',
    environment: run.environment,
    ref: run.version,
    sha: run.commit,
    description: `Deploy ${run.version} to ${run.environment}`,
    creator: { login: run.actor },
    created_at: iso(),
  };
  const environmentUrl = `https://${run.environment === 'production' ? '' : `${run.environment}.`}${run.service}.example.com`;
  const status = (state: string, description: string) =>
    post('deployment_status', 'created', {
      deployment,
      deployment_status: {
        id: nextId(),
        state,
        description,
        environment: run.environment,
        environment_url: environmentUrl,
        target_url: jobUrl,
        log_url: jobUrl,
        creator: { login: run.actor },
        created_at: iso(),
      },
    });
  run.opened(`github-deployment-${deployment.id}`);
  await post('deployment', 'created', { deployment });
  await status('in_progress', 'rolling out 4 replicas');
  return (state: 'success' | 'failure', description: string) => status(state, description);
}
