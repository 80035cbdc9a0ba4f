/** Builders for the deploy unit tests: rows as the store returns them, events as the stream sends them. */
import type { DeployRow } from '@/lib/server/deploys/store';
import type { EventData } from '@/lib/events';
import type { DeployEvent } from './deploy-list';

export function row(overrides: Partial<DeployRow> & { id: string }): DeployRow {
  return {
    source: 'generic',
    service: 'api',
    environment: 'production',
    version: '1.0.0',
    commitSha: null,
    triggeredBy: null,
    url: null,
    status: 'running',
    currentStep: null,
    percent: 0,
    message: null,
    startedAt: 1_000,
    updatedAt: 1_000,
    finishedAt: null,
    ...overrides,
  };
}

let seq = 0;

export function start(
  ts: number,
  data: Partial<EventData<'deploy-start'>> & { deployId: string },
): DeployEvent {
  return {
    id: null,
    type: 'deploy-start',
    stream: 'deploys',
    ts,
    seq: ++seq,
    data: { service: 'api', environment: 'production', ...data },
  };
}

export function progress(
  ts: number,
  data: Partial<EventData<'deploy-progress'>> & { deployId: string; step: string; percent: number },
): DeployEvent {
  return {
    id: null,
    type: 'deploy-progress',
    stream: 'deploys',
    ts,
    seq: ++seq,
    data: { service: 'api', ...data },
  };
}

export function complete(
  ts: number,
  data: Partial<EventData<'deploy-complete'>> & {
    deployId: string;
    status: 'success' | 'failure' | 'cancelled';
  },
): DeployEvent {
  return {
    id: null,
    type: 'deploy-complete',
    stream: 'deploys',
    ts,
    seq: ++seq,
    data: { service: 'api', ...data },
  };
}
