import 'server-only';
import type { EventData, EventType } from '../../events';
import type { EventBus } from '../bus';
import type { Db } from '../store';
import {
  FINAL_STATUSES,
  addChange,
  closeOpenSteps,
  getDeploy,
  getSteps,
  insertDeploy,
  updateDeploy,
  upsertStep,
  type DeployRow,
} from './store';
import type { DeployStatus, DeployUpdate } from './types';

export type ApplyResult =
  | { ok: true; outcome: 'applied'; deploy: DeployRow }
  | { ok: true; outcome: 'ignored'; reason: string; deploy: DeployRow }
  | { ok: false; status: 422; error: string };

type Pending = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

type FinalStatus = Extract<DeployStatus, 'success' | 'failure' | 'cancelled'>;
const FINAL_UPDATE: Record<string, FinalStatus | undefined> = {
  success: 'success',
  failure: 'failure',
  cancelled: 'cancelled',
};

/**
 * Applies one CI update to the stored deploy and publishes what changed. The rules that make
 * out-of-order and repeated deliveries safe:
 * - the first update of an unknown deploy opens it (and emits `deploy-start`), whatever its status;
 * - a finished deploy stays finished: later progress is recorded nowhere and emits nothing;
 * - steps never go back from a final state to running.
 * Storage and publication happen in one transaction, so a failure leaves nothing half-applied.
 */
export function applyDeployUpdate(db: Db, bus: EventBus, update: DeployUpdate): ApplyResult {
  return db.transaction((): ApplyResult => {
    const now = Date.now();
    const at = Math.min(update.at ?? now, now);
    const events: Pending[] = [];
    const finalStatus = FINAL_UPDATE[update.status];
    let deploy = getDeploy(db, update.deployId);

    if (!deploy) {
      if (!update.service) {
        return {
          ok: false,
          status: 422,
          error: `service: is required to open deploy "${update.deployId}" (send it with status "started")`,
        };
      }
      deploy = {
        id: update.deployId,
        source: update.source,
        service: update.service,
        environment: update.environment ?? 'production',
        version: update.version ?? null,
        commitSha: update.commit ?? null,
        triggeredBy: update.triggeredBy ?? null,
        url: update.url ?? null,
        status: update.stepStatus === 'queued' ? 'queued' : 'running',
        currentStep: null,
        percent: 0,
        message: update.message ?? null,
        startedAt: at,
        updatedAt: now,
        finishedAt: null,
      };
      insertDeploy(db, deploy);
      addChange(db, deploy.id, {
        at,
        status: 'started',
        step: null,
        percent: 0,
        message: update.message ?? null,
      });
      events.push({ type: 'deploy-start', data: startData(deploy, update) });
    } else if (FINAL_STATUSES.includes(deploy.status)) {
      return { ok: true, outcome: 'ignored', reason: `deploy already ended (${deploy.status})`, deploy };
    } else {
      deploy.version = update.version ?? deploy.version;
      deploy.commitSha = update.commit ?? deploy.commitSha;
      deploy.triggeredBy = update.triggeredBy ?? deploy.triggeredBy;
      deploy.url = update.url ?? deploy.url;
    }

    recordSteps(db, deploy, update, at);
    const derived = deploy.source === 'generic' ? null : derivedPercent(db, deploy.id);
    deploy.percent = clampPercent(update.percent ?? derived ?? deploy.percent);
    deploy.message = update.message ?? deploy.message;
    deploy.updatedAt = now;

    if (finalStatus) {
      deploy.status = finalStatus;
      deploy.finishedAt = Math.max(at, deploy.startedAt);
      if (finalStatus === 'success') deploy.percent = 100;
      closeOpenSteps(db, deploy.id, deploy.finishedAt, finalStatus === 'success' ? 'success' : finalStatus);
      events.push({
        type: 'deploy-complete',
        data: {
          deployId: deploy.id,
          service: deploy.service,
          status: finalStatus,
          ...(deploy.url ? { url: deploy.url } : {}),
          durationMs: deploy.finishedAt - deploy.startedAt,
          ...(update.message ? { message: update.message } : {}),
        },
      });
    } else if (update.status === 'in_progress' || (update.status === 'started' && events.length === 0)) {
      if (update.stepStatus !== 'queued') deploy.status = 'running';
      events.push({
        type: 'deploy-progress',
        data: {
          deployId: deploy.id,
          service: deploy.service,
          step: deploy.currentStep ?? update.step ?? 'in progress',
          percent: deploy.percent,
          status: deploy.status,
          ...(update.message ? { message: update.message } : {}),
        },
      });
    }

    const opened = events[0]?.type === 'deploy-start';
    if (!(opened && update.status === 'started')) {
      addChange(db, deploy.id, {
        at,
        status: finalStatus ?? update.status,
        step: update.step ?? null,
        percent: deploy.percent,
        message: update.message ?? null,
      });
    }
    updateDeploy(db, deploy);
    for (const event of events) bus.publish(event.type, event.data);
    return { ok: true, outcome: 'applied', deploy };
  }).immediate();
}

function startData(deploy: DeployRow, update: DeployUpdate): EventData<'deploy-start'> {
  return {
    deployId: deploy.id,
    service: deploy.service,
    environment: deploy.environment,
    source: deploy.source,
    ...(deploy.version ? { version: deploy.version } : {}),
    ...(deploy.commitSha ? { commit: deploy.commitSha } : {}),
    ...(deploy.triggeredBy ? { triggeredBy: deploy.triggeredBy } : {}),
    ...(deploy.url ? { url: deploy.url } : {}),
    ...(update.message ? { message: update.message } : {}),
  };
}

function recordSteps(db: Db, deploy: DeployRow, update: DeployUpdate, at: number): void {
  for (const step of update.steps ?? []) upsertStep(db, deploy.id, step);
  if (update.step) {
    const status = update.stepStatus ?? (FINAL_UPDATE[update.status] === 'success' ? 'success' : 'running');
    if (
      status === 'running' &&
      deploy.source === 'generic' &&
      deploy.currentStep &&
      deploy.currentStep !== update.step
    ) {
      // Generic runners report one step at a time: starting a new one ends the previous one.
      upsertStep(db, deploy.id, { name: deploy.currentStep, status: 'success', finishedAt: at });
    }
    const done = status !== 'running' && status !== 'queued';
    upsertStep(db, deploy.id, { name: update.step, status, startedAt: at, finishedAt: done ? at : null });
    if (status === 'running' || status === 'queued' || !deploy.currentStep) deploy.currentStep = update.step;
  } else if (update.steps?.length) {
    const running = update.steps.find((s) => s.status === 'running');
    if (running) deploy.currentStep = running.name;
  }
}

/**
 * Share of known steps that got through (succeeded or were skipped), when the CI system gave no
 * percentage: a pipeline that failed at its third of five jobs stops at 40 %, not at 100 %.
 */
function derivedPercent(db: Db, deployId: string): number | null {
  const steps = getSteps(db, deployId);
  if (steps.length < 2) return null;
  const done = steps.filter((s) => s.status === 'success' || s.status === 'skipped').length;
  return Math.round((done / steps.length) * 100);
}

function clampPercent(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value * 10) / 10));
}
