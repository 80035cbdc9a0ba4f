import { z } from 'zod';

export const UPDATE_STATUSES = ['started', 'in_progress', 'success', 'failure', 'cancelled'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export const STEP_STATUSES = ['queued', 'running', 'success', 'failure', 'cancelled', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export type DeployStatus = 'queued' | 'running' | 'success' | 'failure' | 'cancelled';
export type DeploySource = 'github' | 'gitlab' | 'generic';

/** One update from any CI system, after its payload was mapped to Signalboard's terms. */
export interface DeployUpdate {
  deployId: string;
  source: DeploySource;
  status: UpdateStatus;
  service?: string;
  environment?: string;
  version?: string;
  commit?: string;
  triggeredBy?: string;
  url?: string;
  step?: string;
  stepStatus?: StepStatus;
  percent?: number;
  message?: string;
  /** Steps as the CI system reports them now (GitHub jobs carry their whole list). */
  steps?: { name: string; status: StepStatus; startedAt?: number; finishedAt?: number }[];
  /** When it happened, per the CI system; now when it does not say. */
  at?: number;
}

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The generic webhook's documented body: `{ deployId, service, environment, version, step, percent,
 * status, message, url }`. `started` opens a deploy, `in_progress` reports a step, the last three end it.
 */
export const genericDeploySchema = z.object({
  deployId: text(200).regex(/^[\w.:\-/]+$/, 'may contain letters, digits and . _ : - /'),
  service: text(200).optional(),
  environment: text(200).optional(),
  version: z.string().max(200).optional(),
  commit: z.string().max(200).optional(),
  triggeredBy: z.string().max(200).optional(),
  step: text(200).optional(),
  percent: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').optional(),
  status: z.enum(UPDATE_STATUSES, { error: `must be one of ${UPDATE_STATUSES.join(', ')}` }),
  message: z.string().max(4000).optional(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000)
    .optional(),
});
export type GenericDeployBody = z.infer<typeof genericDeploySchema>;
