import { describe, expect, it } from 'vitest';
import {
  applyDeployEvent,
  applyToRow,
  deployListFrom,
  emptyDeployList,
  mergeRows,
  mergeSnapshot,
  partialIds,
  prune,
  KEEP_FINISHED_MS,
} from './deploy-list';
import { complete, progress, row, start } from './test-helpers';

const CLIENT_NOW = 99;

describe('applyDeployEvent', () => {
  it('follows a deploy from start through its steps to success', () => {
    let state = emptyDeployList();
    state = applyDeployEvent(
      state,
      start(1_000, { deployId: 'd1', version: '2.0.0', triggeredBy: 'ana' }),
      CLIENT_NOW,
    );
    expect(state.byId.d1).toMatchObject({
      status: 'running',
      percent: 0,
      version: '2.0.0',
      triggeredBy: 'ana',
      arrived: true,
    });
    state = applyDeployEvent(
      state,
      progress(2_000, { deployId: 'd1', step: 'build', percent: 30 }),
      CLIENT_NOW,
    );
    state = applyDeployEvent(
      state,
      progress(3_000, { deployId: 'd1', step: 'test', percent: 60 }),
      CLIENT_NOW,
    );
    expect(state.byId.d1).toMatchObject({ currentStep: 'test', percent: 60, updatedAt: 3_000 });
    state = applyDeployEvent(
      state,
      complete(4_000, { deployId: 'd1', status: 'success', durationMs: 3_000, url: 'https://ci/1' }),
      CLIENT_NOW,
    );
    expect(state.byId.d1).toMatchObject({
      status: 'success',
      percent: 100,
      finishedAt: 4_000,
      url: 'https://ci/1',
      endedLiveAt: CLIENT_NOW,
    });
  });

  it('keeps the percent of a failure and its message', () => {
    let state = deployListFrom([row({ id: 'd1', percent: 40, currentStep: 'test' })]);
    state = applyDeployEvent(
      state,
      complete(5_000, { deployId: 'd1', status: 'failure', message: 'exit 1' }),
      CLIENT_NOW,
    );
    expect(state.byId.d1).toMatchObject({
      status: 'failure',
      percent: 40,
      message: 'exit 1',
      finishedAt: 5_000,
    });
  });

  it('ignores anything after a deploy ended (the store ignores it too)', () => {
    const state = deployListFrom([row({ id: 'd1', status: 'success', finishedAt: 2_000, updatedAt: 2_000 })]);
    expect(applyDeployEvent(state, progress(3_000, { deployId: 'd1', step: 'late', percent: 10 }), 0)).toBe(
      state,
    );
    expect(applyDeployEvent(state, start(3_000, { deployId: 'd1' }), 0)).toBe(state);
    expect(applyDeployEvent(state, complete(3_000, { deployId: 'd1', status: 'failure' }), 0)).toBe(state);
  });

  it('ignores progress older than what is shown (a replay after a fresh snapshot)', () => {
    const state = deployListFrom([row({ id: 'd1', currentStep: 'deploy', percent: 90, updatedAt: 5_000 })]);
    expect(applyDeployEvent(state, progress(4_000, { deployId: 'd1', step: 'build', percent: 20 }), 0)).toBe(
      state,
    );
  });

  it('a repeated start fills in what was missing and keeps the progress', () => {
    const state = deployListFrom([row({ id: 'd1', version: null, percent: 50, currentStep: 'test' })]);
    const next = applyDeployEvent(
      state,
      start(2_000, { deployId: 'd1', version: '3.1.0', commit: 'abc' }),
      0,
    );
    expect(next.byId.d1).toMatchObject({
      version: '3.1.0',
      commitSha: 'abc',
      percent: 50,
      currentStep: 'test',
    });
  });

  it('makes a partial row for a deploy it only knows from progress, to be fetched', () => {
    const state = applyDeployEvent(
      emptyDeployList(),
      progress(2_000, { deployId: 'x', step: 'push', percent: 70 }),
      0,
    );
    expect(state.byId.x).toMatchObject({
      partial: true,
      service: 'api',
      environment: '',
      currentStep: 'push',
    });
    expect(partialIds(state)).toEqual(['x']);
  });

  it('dates a completion-only deploy from its duration', () => {
    const state = applyDeployEvent(
      emptyDeployList(),
      complete(10_000, { deployId: 'x', status: 'success', durationMs: 4_000 }),
      0,
    );
    expect(state.byId.x).toMatchObject({ startedAt: 6_000, finishedAt: 10_000, status: 'success' });
  });
});

describe('applyToRow', () => {
  it('never takes a final status from progress', () => {
    const next = applyToRow(
      row({ id: 'd1' }),
      progress(2_000, { deployId: 'd1', step: 's', percent: 5, status: 'queued' }),
      0,
    );
    expect(next?.status).toBe('queued');
  });
});

describe('mergeRows', () => {
  it('lets the newer row win and keeps a finished one finished', () => {
    const state = deployListFrom([row({ id: 'd1', status: 'success', updatedAt: 5_000, finishedAt: 5_000 })]);
    const older = mergeRows(state, [row({ id: 'd1', status: 'running', updatedAt: 9_000 })]);
    expect(older.changed).toBe(false);
    const newer = mergeRows(deployListFrom([row({ id: 'd1', updatedAt: 5_000 })]), [
      row({ id: 'd1', percent: 80, updatedAt: 6_000 }),
    ]);
    expect(newer.state.byId.d1?.percent).toBe(80);
  });

  it('replaces a partial row whatever its time', () => {
    const partial = applyDeployEvent(
      emptyDeployList(),
      progress(9_000, { deployId: 'd1', step: 'x', percent: 1 }),
      0,
    );
    const merged = mergeRows(partial, [row({ id: 'd1', environment: 'staging', updatedAt: 1_000 })]).state;
    expect(merged.byId.d1).toMatchObject({ environment: 'staging', arrived: true });
    expect(merged.byId.d1?.partial).toBeUndefined();
  });
});

describe('mergeRows after a gap', () => {
  it('lets a deploy that ended while the stream was down linger like a live completion', () => {
    const state = deployListFrom([row({ id: 'd1', updatedAt: 1_000 })]);
    const done = row({ id: 'd1', status: 'success', updatedAt: 2_000, finishedAt: 2_000 });
    expect(mergeRows(state, [done], 77).state.byId.d1?.endedLiveAt).toBe(77);
    expect(mergeRows(state, [done]).state.byId.d1?.endedLiveAt).toBeUndefined();
  });
});

describe('mergeSnapshot', () => {
  it('merges and names the running deploys the server no longer runs', () => {
    const state = deployListFrom([row({ id: 'gone' }), row({ id: 'still' })]);
    const { state: merged, ended } = mergeSnapshot(state, {
      running: [
        row({ id: 'still', percent: 30, updatedAt: 2_000 }),
        row({ id: 'new', startedAt: 1_500, updatedAt: 1_500 }),
      ],
      recent: [],
    });
    expect(ended).toEqual(['gone']);
    expect(merged.byId.still?.percent).toBe(30);
    expect(merged.byId.new).toBeDefined();
  });
});

describe('prune', () => {
  it('drops week-old finished deploys and keeps running ones', () => {
    const now = 10 * KEEP_FINISHED_MS;
    const state = deployListFrom([
      row({ id: 'old', status: 'success', finishedAt: now - KEEP_FINISHED_MS - 1 }),
      row({ id: 'run', startedAt: 0 }),
      row({ id: 'fresh', status: 'success', finishedAt: now - 1 }),
    ]);
    expect(Object.keys(prune(state, now).byId).sort()).toEqual(['fresh', 'run']);
  });

  it('past the cap drops the oldest successes before failures and never running deploys', () => {
    const state = deployListFrom([
      row({ id: 's-old', status: 'success', startedAt: 1, finishedAt: 2 }),
      row({ id: 'f-old', status: 'failure', startedAt: 1, finishedAt: 2 }),
      row({ id: 's-new', status: 'success', startedAt: 5, finishedAt: 6 }),
      row({ id: 'run', startedAt: 0 }),
    ]);
    expect(Object.keys(prune(state, 10, 3).byId).sort()).toEqual(['f-old', 'run', 's-new']);
  });
});
