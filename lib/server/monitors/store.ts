import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '../store';
import { describeTarget, type MonitorDefinition } from './definition';
import type { MonitorSource, MonitorStatus, MonitorType, MonitorView } from './types';

/** A monitor as stored: the view plus its full definition and push token. */
export interface MonitorRecord extends MonitorView {
  definition: MonitorDefinition;
  pushToken: string | null;
  lastBeatAt: number | null;
}

interface Row {
  id: number;
  name: string;
  type: MonitorType;
  config: string;
  interval_s: number;
  timeout_s: number;
  retries: number;
  retry_interval_s: number;
  public: number;
  paused: number;
  push_token: string | null;
  source: MonitorSource;
  status: MonitorStatus;
  status_since: number;
  failures: number;
  last_check_at: number | null;
  last_beat_at: number | null;
  last_latency_ms: number | null;
  last_message: string | null;
  cert_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: Row): MonitorRecord {
  const definition = JSON.parse(row.config) as MonitorDefinition;
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    target: describeTarget(definition),
    intervalSeconds: row.interval_s,
    timeoutSeconds: row.timeout_s,
    retries: row.retries,
    retryIntervalSeconds: row.retry_interval_s,
    public: row.public === 1,
    paused: row.paused === 1,
    source: row.source,
    status: row.status,
    since: row.status_since,
    failures: row.failures,
    lastCheckAt: row.last_check_at,
    lastLatencyMs: row.last_latency_ms,
    lastMessage: row.last_message,
    certExpiresAt: row.cert_expires_at,
    tlsExpiryWarningDays: definition.type === 'http' ? definition.tlsExpiryWarningDays : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    definition,
    pushToken: row.push_token,
    lastBeatAt: row.last_beat_at,
  };
}

/** The view without secrets or the raw definition (what viewers and lists get). */
export function toView(record: MonitorRecord): MonitorView {
  const { definition: _d, pushToken: _t, lastBeatAt: _b, ...view } = record;
  return view;
}

export function newPushToken(): string {
  return randomBytes(18).toString('base64url');
}

export function getMonitor(db: Db, id: number): MonitorRecord | undefined {
  const row = db.prepare('SELECT * FROM monitors WHERE id = ?').get(id) as Row | undefined;
  return row && fromRow(row);
}

export function getMonitorByName(db: Db, name: string): MonitorRecord | undefined {
  const row = db.prepare('SELECT * FROM monitors WHERE name = ?').get(name) as Row | undefined;
  return row && fromRow(row);
}

export function getMonitorByPushToken(db: Db, token: string): MonitorRecord | undefined {
  const row = db.prepare("SELECT * FROM monitors WHERE push_token = ? AND type = 'push'").get(token) as Row | undefined;
  return row && fromRow(row);
}

export function listMonitors(db: Db, options: { publicOnly?: boolean } = {}): MonitorRecord[] {
  const where = options.publicOnly ? 'WHERE public = 1' : '';
  return (db.prepare(`SELECT * FROM monitors ${where} ORDER BY name COLLATE NOCASE`).all() as Row[]).map(fromRow);
}

export function countMonitors(db: Db): number {
  return Number(db.prepare('SELECT COUNT(*) FROM monitors').pluck().get());
}

export function insertMonitor(db: Db, d: MonitorDefinition, source: MonitorSource, now = Date.now()): MonitorRecord {
  const id = Number(
    db
      .prepare(
        `INSERT INTO monitors (name, type, config, interval_s, timeout_s, retries, retry_interval_s, public,
           push_token, source, status, status_since, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(
        d.name,
        d.type,
        JSON.stringify(d),
        d.intervalSeconds,
        d.timeoutSeconds,
        d.retries,
        d.retryIntervalSeconds,
        d.public ? 1 : 0,
        d.type === 'push' ? newPushToken() : null,
        source,
        now,
        now,
        now,
      ).lastInsertRowid,
  );
  return getMonitor(db, id)!;
}

/** Replaces the definition; a changed type or target starts the status afresh (pending). */
export function updateMonitor(db: Db, id: number, d: MonitorDefinition, now = Date.now()): MonitorRecord | undefined {
  const before = getMonitor(db, id);
  if (!before) return undefined;
  const targetChanged = before.type !== d.type || describeTarget(before.definition) !== describeTarget(d);
  db.prepare(
    `UPDATE monitors SET name = @name, type = @type, config = @config, interval_s = @interval,
       timeout_s = @timeout, retries = @retries, retry_interval_s = @retryInterval, public = @public,
       push_token = @pushToken, updated_at = @now,
       status = CASE WHEN @reset THEN 'pending' ELSE status END,
       status_since = CASE WHEN @reset THEN @now ELSE status_since END,
       failures = CASE WHEN @reset THEN 0 ELSE failures END,
       cert_expires_at = CASE WHEN @reset THEN NULL ELSE cert_expires_at END
     WHERE id = @id`,
  ).run({
    id,
    name: d.name,
    type: d.type,
    config: JSON.stringify(d),
    interval: d.intervalSeconds,
    timeout: d.timeoutSeconds,
    retries: d.retries,
    retryInterval: d.retryIntervalSeconds,
    public: d.public ? 1 : 0,
    pushToken: d.type === 'push' ? (before.pushToken ?? newPushToken()) : null,
    now,
    reset: targetChanged ? 1 : 0,
  });
  return getMonitor(db, id);
}

export function setPaused(db: Db, id: number, paused: boolean, now = Date.now()): MonitorRecord | undefined {
  db.prepare(
    `UPDATE monitors SET paused = ?, updated_at = ?${paused ? '' : ", status = 'pending', status_since = ?, failures = 0"} WHERE id = ?`,
  ).run(...(paused ? [1, now, id] : [0, now, now, id]));
  return getMonitor(db, id);
}

export function deleteMonitor(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM monitors WHERE id = ?').run(id).changes > 0;
}

/** What a check changes on the monitor row (written in the same transaction as the check). */
export interface StatusUpdate {
  status: MonitorStatus;
  since: number;
  failures: number;
  at: number;
  latencyMs: number | null;
  message: string;
  certExpiresAt?: number;
  beatAt?: number;
}

export function prepareStatusUpdate(db: Db) {
  const statement = db.prepare(
    `UPDATE monitors SET status = @status, status_since = @since, failures = @failures, last_check_at = @at,
       last_latency_ms = @latencyMs, last_message = @message,
       cert_expires_at = COALESCE(@certExpiresAt, cert_expires_at), last_beat_at = COALESCE(@beatAt, last_beat_at)
     WHERE id = @id`,
  );
  return (id: number, u: StatusUpdate) =>
    statement.run({ ...u, id, certExpiresAt: u.certExpiresAt ?? null, beatAt: u.beatAt ?? null });
}

export function recordBeatTime(db: Db, id: number, at: number): void {
  db.prepare('UPDATE monitors SET last_beat_at = ? WHERE id = ?').run(at, id);
}
