import { nextId } from './ids';
import type { PipelineRun } from './pipeline';

/**
 * A runner that reports through the generic signed webhook, as `signalboard-notify` does: one deploy
 * (`sim-<service>-<environment>-<n>`) whose steps are the stages, with percentages it computes itself.
 */
export async function runGenericPipeline(run: PipelineRun): Promise<void> {
  const deployId = `sim-${run.service}-${run.environment}-${nextId()}`;
  const common = { deployId, service: run.service, environment: run.environment };
  const url = `https://ci.example.com/${run.service}/pipelines/${deployId}`;
  run.opened(deployId);
  await run.send('deploy', {
    ...common,
    status: 'started',
    version: run.version,
    commit: run.commit.slice(0, 12),
    triggeredBy: run.actor,
    url,
    message: `Deploy ${run.version} of ${run.service} to ${run.environment}`,
  });
  const share = 100 / run.stages.length;
  for (const [index, stage] of run.stages.entries()) {
    const step = { ...common, status: 'in_progress', step: stage.name };
    await run.send('deploy', { ...step, percent: Math.round(index * share), message: stage.startMessage });
    if (stage.name === 'deploy') {
      // A rollout reports as its replicas come up.
      for (const ready of [1, 2, 3]) {
        await run.work(stage, 0.25);
        const percent = Math.round((index + ready / 4) * share);
        await run.send('deploy', { ...step, percent, message: `${ready} of 4 replicas ready` });
      }
      await run.work(stage, 0.25);
    } else {
      await run.work(stage);
    }
    if (run.failAt === stage.name) {
      await run.send('deploy', {
        ...common,
        status: 'failure',
        step: stage.name,
        message: run.failureMessage(stage),
      });
      return;
    }
  }
  await run.send('deploy', {
    ...common,
    status: 'success',
    url: `https://${run.environment === 'production' ? '' : `${run.environment}.`}${run.service}.example.com`,
    message: `${run.version} is live on ${run.environment}`,
  });
}
