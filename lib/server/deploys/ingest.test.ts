import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEnvelope } from '../../events';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { applyDeployUpdate } from './ingest';
import { getChanges, getDeploy, getSteps } from './store';
import type { DeployUpdate } from './types';

describe('applyDeployUpdate', () => {
  let t: ReturnType<typeof tempDb>;
  let bus: EventBus;
  let events: AnyEnvelope[];
  const apply = (u: Partial<DeployUpdate> & Pick<DeployUpdate, 'status'>) =>
    applyDeployUpdate(t.db, bus, { deployId: 'd1', source: 'generic', ...u });

  beforeEach(() => {
    t = tempDb();
    bus = new EventBus(t.db);
    events = [];
    bus.subscribe((e) => events.push(e));
  });
  afterEach(() => t.cleanup());

  it('moves a deploy from start through its steps to success, emitting the classic events', () => {
    apply({ status: 'started', service: 'api', environment: 'prod', version: '1.2.3' });
    apply({ status: 'in_progress', step: 'build', percent: 30 });
    apply({ status: 'in_progress', step: 'test', percent: 60 });
    apply({ status: 'success', url: 'https://api.example.com' });
    expect(events.map((e) => e.type)).toEqual([
      'deploy-start',
      'deploy-progress',
      'deploy-progress',
      'deploy-complete',
    ]);
    expect(events[1]!.data).toMatchObject({ service: 'api', step: 'build', percent: 30 });
    expect(events[3]!.data).toMatchObject({ status: 'success', url: 'https://api.example.com' });
    const deploy = getDeploy(t.db, 'd1')!;
    expect(deploy).toMatchObject({ status: 'success', percent: 100, version: '1.2.3', environment: 'prod' });
    // The generic runner reports one step at a time: a new step ends the one before.
    expect(getSteps(t.db, 'd1').map((s) => [s.name, s.status])).toEqual([
      ['build', 'success'],
      ['test', 'success'],
    ]);
    expect(getChanges(t.db, 'd1').map((c) => c.status)).toEqual([
      'started',
      'in_progress',
      'in_progress',
      'success',
    ]);
  });

  it('ends in the right final state when the completion arrives before the progress', () => {
    apply({ status: 'failure', service: 'web', message: 'tests failed' });
    const late = apply({ status: 'in_progress', step: 'build', percent: 50 });
    expect(late).toMatchObject({ ok: true, outcome: 'ignored' });
    expect(getDeploy(t.db, 'd1')).toMatchObject({ status: 'failure' });
    expect(events.map((e) => e.type)).toEqual(['deploy-start', 'deploy-complete']);
  });

  it('refuses to open an unknown deploy without a service, storing nothing', () => {
    const result = apply({ status: 'in_progress', step: 'build' });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(getDeploy(t.db, 'd1')).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('stops the derived progress where a CI pipeline failed instead of showing it complete', () => {
    const steps = (third: 'running' | 'failure') => [
      { name: 'build', status: 'success' as const },
      { name: 'test', status: 'success' as const },
      { name: 'deploy', status: third },
      { name: 'smoke', status: 'queued' as const },
      { name: 'notify', status: 'queued' as const },
    ];
    apply({ status: 'started', service: 'api', source: 'gitlab', steps: steps('running') });
    expect(getDeploy(t.db, 'd1')!.percent).toBe(40);
    apply({ status: 'failure', source: 'gitlab', steps: steps('failure') });
    expect(getDeploy(t.db, 'd1')).toMatchObject({ status: 'failure', percent: 40 });
  });

  it('never moves a finished step back to running', () => {
    apply({
      status: 'started',
      service: 'api',
      source: 'github',
      steps: [{ name: 'build', status: 'success' }],
    });
    apply({ status: 'in_progress', source: 'github', steps: [{ name: 'build', status: 'running' }] });
    expect(getSteps(t.db, 'd1')[0]).toMatchObject({ status: 'success' });
  });
});
