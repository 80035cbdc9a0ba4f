/**
 * What the browser accepts as deploy data: the `hello` snapshot and the REST answers are checked
 * like every other input (a server of another version, a proxy's error page), never trusted by type.
 * The shapes mirror lib/server/deploys/store.ts; the type checks below keep the two in step.
 */
import { z } from 'zod';
import type { ChangeRow, DeployRow, ServiceStats, StepRow } from '@/lib/server/deploys/store';
import { DEPLOY_STATUSES } from '@/lib/events';

const STEP_STATUSES = ['queued', 'running', 'success', 'failure', 'cancelled', 'skipped'] as const;
const ms = z.number().finite();

export const deployRowSchema = z.object({
  id: z.string().min(1),
  source: z.enum(['github', 'gitlab', 'generic']),
  service: z.string(),
  environment: z.string(),
  version: z.string().nullable(),
  commitSha: z.string().nullable(),
  triggeredBy: z.string().nullable(),
  url: z.string().nullable(),
  status: z.enum(DEPLOY_STATUSES),
  currentStep: z.string().nullable(),
  percent: z.number().min(0).max(100),
  message: z.string().nullable(),
  startedAt: ms,
  updatedAt: ms,
  finishedAt: ms.nullable(),
});

export const stepRowSchema = z.object({
  name: z.string(),
  position: z.number(),
  status: z.enum(STEP_STATUSES),
  startedAt: ms.nullable(),
  finishedAt: ms.nullable(),
});

export const changeRowSchema = z.object({
  at: ms,
  status: z.string(),
  step: z.string().nullable(),
  percent: z.number().nullable(),
  message: z.string().nullable(),
});

export const serviceStatsSchema = z.object({
  service: z.string(),
  total: z.number(),
  failures: z.number(),
  medianMs: ms.nullable(),
  durations: z.array(z.object({ startedAt: ms, durationMs: ms, status: z.enum(DEPLOY_STATUSES) })),
});

/** `snapshot.deploys` of the SSE `hello`. */
export const deploysSnapshotSchema = z.object({
  running: z.array(deployRowSchema),
  recent: z.array(deployRowSchema),
});

/** `GET /api/deploys/:id`. */
export const deployDetailSchema = z.object({
  deploy: deployRowSchema,
  steps: z.array(stepRowSchema),
  changes: z.array(changeRowSchema),
});

/** `GET /api/deploys`. */
export const deployListSchema = z.object({ deploys: z.array(deployRowSchema) });

/** `GET /api/deploys/stats`. */
export const deployStatsSchema = z.object({ days: z.number(), services: z.array(serviceStatsSchema) });

export type DeploySnapshot = z.infer<typeof deploysSnapshotSchema>;
export type DeployDetail = z.infer<typeof deployDetailSchema>;

// Compile-time checks that the server's rows and these schemas describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof deployRowSchema>, DeployRow>,
  Same<z.infer<typeof stepRowSchema>, StepRow>,
  Same<z.infer<typeof changeRowSchema>, ChangeRow>,
  Same<z.infer<typeof serviceStatsSchema>, ServiceStats>,
] = [true, true, true, true];
void sameShapes;

/** Parses a snapshot, or null when it is missing or malformed (the caller keeps what it has). */
export function parseDeploysSnapshot(value: unknown): DeploySnapshot | null {
  const parsed = deploysSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
