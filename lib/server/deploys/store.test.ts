import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support';
import { insertDeploy, listDeploys, type DeployRow } from './store';

describe('listDeploys paging', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.cleanup());

  const deploy = (id: string, startedAt: number): DeployRow => ({
    id,
    source: 'generic',
    service: 'api',
    environment: 'prod',
    version: null,
    commitSha: null,
    triggeredBy: null,
    url: null,
    status: 'success',
    currentStep: null,
    percent: 100,
    message: null,
    startedAt,
    updatedAt: startedAt,
    finishedAt: startedAt + 1,
  });

  it('finds every deploy page by page, even when several started in the same millisecond', () => {
    // A batch imported at once: five deploys in one millisecond, across the boundary of a 3-row page.
    const times = [1_000, 2_000, 2_000, 2_000, 2_000, 2_000, 3_000];
    times.forEach((at, i) => insertDeploy(t.db, deploy(`d${i}`, at)));
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = listDeploys(t.db, { limit: 3, before });
      if (rows.length === 0) break;
      seen.push(...rows.map((r) => r.id));
      before = rows.at(-1)!.startedAt;
    }
    expect([...seen].sort()).toEqual(times.map((_, i) => `d${i}`).sort());
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first throughout.
    const startedAt = seen.map((id) => times[Number(id.slice(1))]!);
    expect(startedAt).toEqual([...startedAt].sort((a, b) => b - a));
  });
});
