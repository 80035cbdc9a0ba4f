import 'server-only';
import type { Db } from '../store';
import type { MaintenanceWindow } from './types';

interface Row {
  id: number;
  title: string;
  description: string | null;
  monitorIds: string | null;
  startsAt: number;
  endsAt: number;
  createdBy: string | null;
  createdAt: number;
}

const COLUMNS = `id, title, description, monitor_ids AS monitorIds, starts_at AS startsAt, ends_at AS endsAt,
  created_by AS createdBy, created_at AS createdAt`;

const fromRow = (row: Row): MaintenanceWindow => ({
  ...row,
  monitorIds: row.monitorIds === null ? null : (JSON.parse(row.monitorIds) as number[]),
});

export function createWindow(
  db: Db,
  w: { title: string; description?: string; monitorIds: number[] | null; startsAt: number; endsAt: number; createdBy: string | null },
  now = Date.now(),
): MaintenanceWindow {
  const id = Number(
    db
      .prepare(
        `INSERT INTO monitor_maintenance (title, description, monitor_ids, starts_at, ends_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(w.title, w.description ?? null, w.monitorIds === null ? null : JSON.stringify(w.monitorIds), w.startsAt, w.endsAt, w.createdBy, now)
      .lastInsertRowid,
  );
  return getWindow(db, id)!;
}

export function getWindow(db: Db, id: number): MaintenanceWindow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM monitor_maintenance WHERE id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

/** Windows that have not ended yet (current and upcoming), soonest first. */
export function currentAndUpcoming(db: Db, now = Date.now()): MaintenanceWindow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM monitor_maintenance WHERE ends_at > ? ORDER BY starts_at LIMIT 500`).all(now) as Row[]).map(fromRow);
}

export function listWindows(db: Db, limit = 200): MaintenanceWindow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM monitor_maintenance ORDER BY starts_at DESC LIMIT ?`).all(limit) as Row[]).map(fromRow);
}

/** Ends a window now (or removes it when it has not begun). */
export function endWindow(db: Db, id: number, now = Date.now()): boolean {
  const w = getWindow(db, id);
  if (!w) return false;
  if (w.startsAt >= now) db.prepare('DELETE FROM monitor_maintenance WHERE id = ?').run(id);
  else if (w.endsAt > now) db.prepare('UPDATE monitor_maintenance SET ends_at = ? WHERE id = ?').run(now, id);
  return true;
}

export function isInWindow(windows: readonly MaintenanceWindow[], monitorId: number, at: number): boolean {
  return windows.some(
    (w) => w.startsAt <= at && at < w.endsAt && (w.monitorIds === null || w.monitorIds.includes(monitorId)),
  );
}
