/**
 * What the sensors API returns, checked in the browser before use (the browser is a boundary too).
 * Fields the page does not use are let through unchecked.
 */
import { z } from 'zod';
import { DEVICE_STATES } from '../../events/schemas';
import { SENSOR_RANGE_IDS, type SensorRange } from '../../events/sensor-ranges';

const epoch = z.number();
const nullableEpoch = epoch.nullable();

export const deviceMetricSchema = z.object({
  metric: z.string(),
  topic: z.string(),
  lastValue: z.number().nullable(),
  lastTs: nullableEpoch,
});

export const sensorDeviceSchema = z.object({
  id: z.string(),
  topicPrefix: z.string(),
  source: z.enum(['api', 'file', 'simulator']),
  rateLimit: z.number().nullable(),
  createdAt: epoch,
  rotatedAt: nullableEpoch,
  revokedAt: nullableEpoch,
  online: z.boolean(),
  lastSeen: nullableEpoch,
  lastConnectAt: nullableEpoch,
  lastDisconnectAt: nullableEpoch,
  statusReason: z.string().nullable(),
  intervalMs: z.number().nullable(),
  state: z.enum(DEVICE_STATES),
  metrics: z.array(deviceMetricSchema),
});

export const thresholdSchema = z.object({
  id: z.number(),
  filter: z.string(),
  direction: z.enum(['above', 'below']),
  value: z.number(),
  level: z.enum(['warning', 'critical']),
  createdAt: epoch,
});

export const alertSchema = z.object({
  id: z.number(),
  ts: epoch,
  deviceId: z.string(),
  metric: z.string(),
  value: z.number(),
  threshold: z.number(),
  level: z.enum(['warning', 'critical']),
  topic: z.string().optional(),
});

export const brokerSchema = z.object({
  state: z.enum(['not-started', 'starting', 'up', 'stopping', 'down']),
  listeners: z.array(
    z.object({ transport: z.enum(['tcp', 'tls', 'ws']), address: z.string(), port: z.number().nullable() }),
  ),
  clients: z.number(),
  startedAt: nullableEpoch,
  error: z.string().nullable(),
});

export const overviewSchema = z.object({
  devices: z.array(sensorDeviceSchema),
  counts: z.object({ total: z.number(), online: z.number(), silent: z.number(), offline: z.number() }),
  rejections: z.object({
    counts: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number(), lastAt: epoch })),
    recent: z.array(
      z.object({
        at: epoch,
        deviceId: z.string().nullable(),
        topic: z.string().nullable(),
        reason: z.string(),
        detail: z.string(),
      }),
    ),
  }),
  thresholds: z.array(thresholdSchema),
  alerts: z.array(alertSchema),
  broker: brokerSchema,
  loadedAt: epoch,
  lastEventId: z.number().int().nonnegative(),
});

const pointSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const seriesResultSchema = z.object({
  filter: z.string(),
  range: z.enum(SENSOR_RANGE_IDS as [SensorRange, ...SensorRange[]]),
  from: epoch,
  to: epoch,
  stepMs: z.number(),
  series: z.array(
    z.object({
      topic: z.string(),
      deviceId: z.string(),
      location: z.string(),
      metric: z.string(),
      lastValue: z.number().nullable(),
      lastTs: nullableEpoch,
      points: z.array(pointSchema),
    }),
  ),
  more: z.number(),
});

export type SensorDeviceView = z.infer<typeof sensorDeviceSchema>;
export type SensorsOverviewView = z.infer<typeof overviewSchema>;
export type SeriesResultView = z.infer<typeof seriesResultSchema>;
export type ThresholdView = z.infer<typeof thresholdSchema>;
export type AlertView = z.infer<typeof alertSchema>;
export type BrokerView = z.infer<typeof brokerSchema>;
