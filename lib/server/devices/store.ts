import 'server-only';
import { z } from 'zod';
import { checkTopicPrefix } from '../../events/mqtt-topics';
import type { Db } from '../store';

export const DEVICE_SOURCES = ['api', 'file', 'simulator'] as const;
export type DeviceSource = (typeof DEVICE_SOURCES)[number];

/** A device as the API and the UI see it (never its password hash). */
export interface Device {
  id: string;
  topicPrefix: string;
  source: DeviceSource;
  /** Messages per second allowed to this device's connections; null = the broker default. */
  rateLimit: number | null;
  createdAt: number;
  rotatedAt: number | null;
  revokedAt: number | null;
  online: boolean;
  lastSeen: number | null;
  lastConnectAt: number | null;
  lastDisconnectAt: number | null;
  statusReason: string | null;
  /** Learned reporting interval (ms), from the gaps between readings. */
  intervalMs: number | null;
}

export interface DeviceCredentials {
  id: string;
  passwordHash: string;
  topicPrefix: string;
  rateLimit: number | null;
  revokedAt: number | null;
}

export const deviceIdSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain letters, digits, dot, dash and underscore');

export const topicPrefixSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const check = checkTopicPrefix(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
  });

export const devicePasswordSchema = z.string().min(12, 'must be at least 12 characters').max(256);
export const rateLimitSchema = z.number().int().min(1).max(1_000_000);

const COLUMNS = `id, topic_prefix AS topicPrefix, source, rate_limit AS rateLimit, created_at AS createdAt,
  rotated_at AS rotatedAt, revoked_at AS revokedAt, online, last_seen AS lastSeen,
  last_connect_at AS lastConnectAt, last_disconnect_at AS lastDisconnectAt,
  status_reason AS statusReason, interval_ms AS intervalMs`;

type DeviceRow = Omit<Device, 'online'> & { online: number };

const toDevice = (row: DeviceRow): Device => ({ ...row, online: row.online === 1 });

/** Every device, active ones first, by id. */
export function listDevices(db: Db, { includeRevoked = false } = {}): Device[] {
  const where = includeRevoked ? '' : 'WHERE revoked_at IS NULL';
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM sensor_devices ${where} ORDER BY revoked_at IS NOT NULL, id`)
    .all() as DeviceRow[];
  return rows.map(toDevice);
}

export function getDevice(db: Db, id: string): Device | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM sensor_devices WHERE id = ?`).get(id) as
    DeviceRow | undefined;
  return row && toDevice(row);
}

export function getCredentials(db: Db, id: string): DeviceCredentials | undefined {
  return db
    .prepare(
      `SELECT id, password_hash AS passwordHash, topic_prefix AS topicPrefix, rate_limit AS rateLimit,
         revoked_at AS revokedAt FROM sensor_devices WHERE id = ?`,
    )
    .get(id) as DeviceCredentials | undefined;
}

/** Inserts a device or, when the id exists, gives it new credentials and un-revokes it. */
export function upsertDevice(
  db: Db,
  input: {
    id: string;
    passwordHash: string;
    topicPrefix: string;
    source: DeviceSource;
    rateLimit?: number | null;
  },
): void {
  const now = Date.now();
  db.prepare(
    `INSERT INTO sensor_devices (id, password_hash, topic_prefix, source, rate_limit, created_at)
     VALUES (@id, @passwordHash, @topicPrefix, @source, @rateLimit, @now)
     ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, topic_prefix = excluded.topic_prefix,
       source = excluded.source, rate_limit = excluded.rate_limit, rotated_at = @now, revoked_at = NULL`,
  ).run({ ...input, rateLimit: input.rateLimit ?? null, now });
}

export function setPasswordHash(db: Db, id: string, passwordHash: string): boolean {
  return (
    db
      .prepare(
        'UPDATE sensor_devices SET password_hash = ?, rotated_at = ? WHERE id = ? AND revoked_at IS NULL',
      )
      .run(passwordHash, Date.now(), id).changes > 0
  );
}

export function revokeDevice(db: Db, id: string): boolean {
  return (
    db
      .prepare(
        `UPDATE sensor_devices SET revoked_at = ?, online = 0, status_reason = 'credentials revoked'
         WHERE id = ? AND revoked_at IS NULL`,
      )
      .run(Date.now(), id).changes > 0
  );
}

/** Records a connection change as it happens (not batched: it is rare and must survive a crash). */
export function recordConnection(
  db: Db,
  id: string,
  change: { online: boolean; at: number; reason: string; instanceId?: string | null },
): boolean {
  // Several instances: an instance records a device offline only while the row says the device's
  // connection is its own (it may have reconnected to another instance meanwhile).
  const mine =
    !change.online && change.instanceId ? 'AND (instance_id IS NULL OR instance_id = @instance)' : '';
  return (
    db
      .prepare(
        `UPDATE sensor_devices SET online = @online, status_reason = @reason,
       instance_id = CASE WHEN @online = 1 THEN @instance ELSE NULL END,
       last_connect_at = CASE WHEN @online = 1 THEN @at ELSE last_connect_at END,
       last_disconnect_at = CASE WHEN @online = 0 THEN @at ELSE last_disconnect_at END
     WHERE id = @id ${mine}`,
      )
      .run({
        id,
        online: change.online ? 1 : 0,
        at: change.at,
        reason: change.reason,
        instance: change.instanceId ?? null,
      }).changes > 0
  );
}

/**
 * Several instances: marks offline the devices whose connection was held by an instance not in
 * `live` (stopped or dead), and returns their ids. Atomic, so when two instances sweep at once only
 * one of them gets a given device (and publishes its change).
 */
export function markOfflineUnlessOn(db: Db, live: readonly string[], reason: string): string[] {
  const marks = live.map(() => '?').join(',');
  return db
    .prepare(
      `UPDATE sensor_devices SET online = 0, status_reason = ?, last_disconnect_at = ?, instance_id = NULL
       WHERE online = 1 ${live.length > 0 ? `AND (instance_id IS NULL OR instance_id NOT IN (${marks}))` : ''}
       RETURNING id`,
    )
    .pluck()
    .all(reason, Date.now(), ...live) as string[];
}

/** After a restart no connection is open any more: every device starts offline. */
export function markAllOffline(db: Db, reason: string): number {
  return db
    .prepare(
      `UPDATE sensor_devices SET online = 0, status_reason = ?, last_disconnect_at = ? WHERE online = 1`,
    )
    .run(reason, Date.now()).changes;
}
