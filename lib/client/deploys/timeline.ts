/**
 * The gantt-like step timeline of one deploy: where each step's bar starts and how wide it is, as
 * percentages of the deploy's whole span (up to `now` while it runs).
 */
import type { StepRow } from '@/lib/server/deploys/store';

export interface TimelineBar {
  name: string;
  status: StepRow['status'];
  /** Left edge, 0–100 (% of the span). */
  offset: number;
  /** Width, 0–100; at least MIN_WIDTH so a 20 ms step is still visible. Null: never started. */
  width: number | null;
  /** Null when the step never started. */
  durationMs: number | null;
  /** Still running at `now`. */
  open: boolean;
}

export interface Timeline {
  /** The span the bars are drawn against, ms. */
  spanMs: number;
  bars: TimelineBar[];
}

const MIN_WIDTH = 0.8;

/**
 * Steps in the order they ran (not-yet-started ones last, in their reported order). A running step,
 * or one the deploy left open, ends at the deploy's end or at `now`.
 */
export function buildTimeline(
  deploy: { startedAt: number; finishedAt: number | null },
  steps: readonly StepRow[],
  now: number,
): Timeline {
  const start = Math.min(deploy.startedAt, ...steps.map((s) => s.startedAt ?? Infinity));
  const end = Math.max(
    deploy.finishedAt ?? now,
    ...steps.map((s) => s.finishedAt ?? (s.startedAt !== null ? (deploy.finishedAt ?? now) : -Infinity)),
    start + 1,
  );
  const spanMs = end - start;
  const ordered = [...steps].sort(
    (a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.position - b.position,
  );
  const bars = ordered.map((step): TimelineBar => {
    if (step.startedAt === null) {
      return { name: step.name, status: step.status, offset: 0, width: null, durationMs: null, open: false };
    }
    const open = step.finishedAt === null;
    const stepEnd = step.finishedAt ?? deploy.finishedAt ?? now;
    const durationMs = Math.max(0, stepEnd - step.startedAt);
    const offset = clamp(((step.startedAt - start) / spanMs) * 100, 0, 100 - MIN_WIDTH);
    const width = clamp((durationMs / spanMs) * 100, MIN_WIDTH, 100 - offset);
    return { name: step.name, status: step.status, offset, width, durationMs, open };
  });
  return { spanMs, bars };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
