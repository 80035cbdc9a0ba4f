/**
 * zod schemas for the data of every event, shared by producers, transports, the browser and tests.
 * Types never replace validation at a boundary: producers parse with these before publishing.
 */
import { z } from 'zod';
import type { EventType } from './names';

const id = z.string().trim().min(1).max(200);
const name = z.string().trim().min(1).max(200);
const text = z.string().max(10_000);
const url = z.url({ protocol: /^https?$/ }).max(2_000);
const epochMs = z.number().int().nonnegative();

export const DEPLOY_STATUSES = ['queued', 'running', 'success', 'failure', 'cancelled'] as const;
export const DEPLOY_FINAL_STATUSES = ['success', 'failure', 'cancelled'] as const;
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;
export const MONITOR_STATUSES = ['up', 'down', 'pending', 'maintenance'] as const;
export const DEVICE_STATES = ['online', 'silent', 'offline'] as const;

export const eventDataSchemas = {
  'deploy-start': z.object({
    deployId: id,
    service: name,
    environment: name,
    version: z.string().max(200).optional(),
    commit: z.string().max(200).optional(),
    triggeredBy: z.string().max(200).optional(),
    source: z.enum(['github', 'gitlab', 'generic']).optional(),
    url: url.optional(),
    message: text.optional(),
  }),
  'deploy-progress': z.object({
    deployId: id,
    service: name,
    step: name,
    percent: z.number().min(0).max(100),
    status: z.enum(DEPLOY_STATUSES).optional(),
    message: text.optional(),
  }),
  'deploy-complete': z.object({
    deployId: id,
    service: name,
    status: z.enum(DEPLOY_FINAL_STATUSES),
    url: url.optional(),
    durationMs: z.number().int().nonnegative().optional(),
    message: text.optional(),
  }),
  'log-line': z.object({
    source: z.enum(['docker', 'push']),
    container: name,
    stream: z.enum(['stdout', 'stderr']),
    level: z.enum(LOG_LEVELS),
    time: epochMs,
    line: text,
    truncated: z.boolean().optional(),
  }),
  'monitor-status': z.object({
    monitorId: z.number().int().positive().optional(),
    name,
    status: z.enum(MONITOR_STATUSES),
    latencyMs: z.number().nonnegative().optional(),
    message: text.optional(),
    /** The status before this change, when the monitor had one. */
    previous: z.enum(MONITOR_STATUSES).optional(),
    /** Since when the monitor has had this status (epoch ms). */
    since: epochMs.optional(),
  }),
  incident: z.object({
    incidentId: z.number().int().positive(),
    monitor: name,
    state: z.enum(['open', 'resolved']),
    reason: text.optional(),
    monitorId: z.number().int().positive().optional(),
    startedAt: epochMs.optional(),
    resolvedAt: epochMs.optional(),
  }),
  'sensor-reading': z.object({
    deviceId: id,
    topic: z.string().min(1).max(512),
    values: z.record(z.string().max(100), z.number()),
    time: epochMs,
  }),
  'device-status': z.object({
    deviceId: id,
    online: z.boolean(),
    lastSeen: epochMs.optional(),
    reason: z.string().max(500).optional(),
    /** `silent`: connected but no data for several reporting intervals (a sign of trouble). */
    state: z.enum(DEVICE_STATES).optional(),
  }),
  'sensor-alert': z.object({
    deviceId: id,
    metric: name,
    value: z.number(),
    threshold: z.number(),
    level: z.enum(['warning', 'critical']),
    /** The series' metric topic, e.g. sensors/building-a/floor-2/room-201/temperature. */
    topic: z.string().min(1).max(512).optional(),
    direction: z.enum(['above', 'below']).optional(),
  }),
  'chat-message': z.object({
    messageId: z.number().int().positive(),
    channel: name,
    user: name,
    text: z.string().min(1).max(4_000),
    clientId: z.string().max(100).optional(),
    system: z.boolean().optional(),
  }),
  presence: z.object({
    users: z.array(z.object({ user: name, status: z.enum(['online', 'typing', 'away']) })).max(10_000),
  }),
  'metrics-sample': z.object({
    seq: z.number().int().nonnegative(),
    values: z.record(z.string().max(100), z.number()),
  }),
} as const satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
