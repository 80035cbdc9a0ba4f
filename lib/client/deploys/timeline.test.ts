import { describe, expect, it } from 'vitest';
import type { StepRow } from '@/lib/server/deploys/store';
import { buildTimeline } from './timeline';

const step = (
  name: string,
  position: number,
  startedAt: number | null,
  finishedAt: number | null,
  status: StepRow['status'] = 'success',
): StepRow => ({
  name,
  position,
  status,
  startedAt,
  finishedAt,
});

describe('buildTimeline', () => {
  it('places each step on the deploy span with its duration', () => {
    const t = buildTimeline(
      { startedAt: 0, finishedAt: 100_000 },
      [step('build', 0, 0, 25_000), step('test', 1, 25_000, 75_000), step('deploy', 2, 75_000, 100_000)],
      999_999,
    );
    expect(t.spanMs).toBe(100_000);
    expect(t.bars.map((b) => [b.name, b.offset, b.width, b.durationMs])).toEqual([
      ['build', 0, 25, 25_000],
      ['test', 25, 50, 50_000],
      ['deploy', 75, 25, 25_000],
    ]);
  });

  it('runs an open step up to now while the deploy runs', () => {
    const t = buildTimeline(
      { startedAt: 0, finishedAt: null },
      [step('build', 0, 0, 10_000), step('test', 1, 10_000, null, 'running')],
      40_000,
    );
    expect(t.spanMs).toBe(40_000);
    expect(t.bars[1]).toMatchObject({ name: 'test', open: true, durationMs: 30_000, offset: 25, width: 75 });
  });

  it('orders by start, keeps never-started steps last without a bar, and shows tiny steps', () => {
    const t = buildTimeline(
      { startedAt: 0, finishedAt: 100_000 },
      [step('later', 0, null, null, 'queued'), step('b', 1, 50_000, 50_010), step('a', 2, 0, 50_000)],
      0,
    );
    expect(t.bars.map((b) => b.name)).toEqual(['a', 'b', 'later']);
    expect(t.bars[1]!.width).toBeGreaterThan(0.5);
    expect(t.bars[2]).toMatchObject({ width: null, durationMs: null });
  });

  it('has no bars without steps and never a zero span', () => {
    const t = buildTimeline({ startedAt: 5, finishedAt: 5 }, [], 5);
    expect(t).toEqual({ spanMs: 1, bars: [] });
  });
});
