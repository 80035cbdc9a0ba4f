import { describe, expect, it } from 'vitest';
import { applyDeployEvent, deployListFrom, emptyDeployList } from './deploy-list';
import {
  DAY_MS,
  LINGER_MS,
  lastFailure,
  latestDeploys,
  outstandingFailures,
  runningPanel,
  statusLine,
} from './deploy-summary';
import { complete, row } from './test-helpers';

const NOW = 100 * DAY_MS;

describe('statusLine', () => {
  it('says "No deploys yet" when there are none', () => {
    expect(statusLine(emptyDeployList(), NOW, 0)).toMatchObject({ tone: 'idle', text: 'No deploys yet' });
  });

  it('counts running deploys and failures of the last 24 h, in words', () => {
    const state = deployListFrom([
      row({ id: 'a' }),
      row({ id: 'b', status: 'queued' }),
      row({ id: 'f1', status: 'failure', finishedAt: NOW - 3_600_000 }),
      row({ id: 'f-old', status: 'failure', finishedAt: NOW - 2 * DAY_MS }),
      row({ id: 's', status: 'success', finishedAt: NOW - 1_000 }),
    ]);
    expect(statusLine(state, NOW, 1)).toMatchObject({
      tone: 'bad',
      text: '2 deploys running · 1 failed in the last 24 h',
      runningCount: 2,
      failedCount: 1,
    });
  });

  it('is blue while deploying and green when all is quiet', () => {
    expect(statusLine(deployListFrom([row({ id: 'a' })]), NOW, 0)).toMatchObject({
      tone: 'busy',
      text: '1 deploy running · none failed in the last 24 h',
    });
    expect(
      statusLine(deployListFrom([row({ id: 'a', status: 'success', finishedAt: NOW })]), NOW, 0),
    ).toMatchObject({
      tone: 'good',
      text: 'No deploys running · none failed in the last 24 h',
    });
  });
});

describe('outstandingFailures', () => {
  const failure = row({ id: 'f', status: 'failure', startedAt: NOW - 10_000, finishedAt: NOW - 5_000 });

  it('keeps a failure until it is marked seen', () => {
    const state = deployListFrom([failure]);
    expect(outstandingFailures(state, new Set(), NOW).map((d) => d.id)).toEqual(['f']);
    expect(outstandingFailures(state, new Set(['f']), NOW)).toEqual([]);
  });

  it('drops a failure once a newer deploy of the same service and environment succeeds', () => {
    const fixed = row({ id: 'ok', status: 'success', startedAt: NOW - 1_000, finishedAt: NOW });
    expect(outstandingFailures(deployListFrom([failure, fixed]), new Set(), NOW)).toEqual([]);
    const otherEnv = { ...fixed, environment: 'staging' };
    expect(outstandingFailures(deployListFrom([failure, otherEnv]), new Set(), NOW)).toHaveLength(1);
    const earlier = { ...fixed, startedAt: NOW - 20_000 };
    expect(outstandingFailures(deployListFrom([failure, earlier]), new Set(), NOW)).toHaveLength(1);
  });

  it('lets old failures go after a week', () => {
    const old = { ...failure, finishedAt: NOW - 8 * DAY_MS };
    expect(outstandingFailures(deployListFrom([old]), new Set(), NOW)).toEqual([]);
  });
});

describe('runningPanel', () => {
  it('lists running deploys oldest first, so new ones join at the end', () => {
    const state = deployListFrom([row({ id: 'new', startedAt: 3 }), row({ id: 'old', startedAt: 1 })]);
    expect(runningPanel(state, 0).map((d) => d.id)).toEqual(['old', 'new']);
  });

  it('keeps a deploy that just ended for a moment, and one under the pointer', () => {
    const state = applyDeployEvent(
      deployListFrom([row({ id: 'd' })]),
      complete(2_000, { deployId: 'd', status: 'success' }),
      50_000,
    );
    expect(runningPanel(state, 50_000 + LINGER_MS - 1).map((d) => d.id)).toEqual(['d']);
    expect(runningPanel(state, 50_000 + LINGER_MS)).toEqual([]);
    expect(runningPanel(state, 50_000 + LINGER_MS, new Set(['d'])).map((d) => d.id)).toEqual(['d']);
  });
});

describe('latestDeploys and lastFailure', () => {
  it('picks the newest deploys and the most recent failure', () => {
    const state = deployListFrom([
      row({ id: 'a', startedAt: 1 }),
      row({ id: 'b', startedAt: 2, status: 'failure', finishedAt: 3 }),
      row({ id: 'c', startedAt: 4, status: 'failure', finishedAt: 9 }),
      row({ id: 'd', startedAt: 5 }),
    ]);
    expect(latestDeploys(state, 3).map((d) => d.id)).toEqual(['d', 'c', 'b']);
    expect(lastFailure(state)?.id).toBe('c');
    expect(lastFailure(emptyDeployList())).toBeNull();
  });
});
