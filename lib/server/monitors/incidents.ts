import 'server-only';
import type { Db } from '../store';
import type { IncidentNote, IncidentView } from './types';

const COLUMNS = `id, monitor_id AS monitorId, monitor_name AS monitorName, reason, started_at AS startedAt,
  resolved_at AS resolvedAt`;

export function openIncident(db: Db, monitor: { id: number; name: string }, reason: string, at: number): IncidentView {
  const id = Number(
    db
      .prepare('INSERT INTO monitor_incidents (monitor_id, monitor_name, reason, started_at) VALUES (?, ?, ?, ?)')
      .run(monitor.id, monitor.name, reason.slice(0, 1000), at).lastInsertRowid,
  );
  return { id, monitorId: monitor.id, monitorName: monitor.name, reason, startedAt: at, resolvedAt: null };
}

/** Resolves the monitor's open incidents; returns them as resolved (usually one, or none). */
export function resolveIncidents(db: Db, monitorId: number, at: number): IncidentView[] {
  const open = db
    .prepare(`SELECT ${COLUMNS} FROM monitor_incidents WHERE monitor_id = ? AND resolved_at IS NULL`)
    .all(monitorId) as IncidentView[];
  if (open.length === 0) return [];
  db.prepare('UPDATE monitor_incidents SET resolved_at = ? WHERE monitor_id = ? AND resolved_at IS NULL').run(at, monitorId);
  return open.map((i) => ({ ...i, resolvedAt: at }));
}

export function getIncident(db: Db, id: number): IncidentView | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM monitor_incidents WHERE id = ?`).get(id) as IncidentView | undefined;
}

export interface IncidentFilter {
  state?: 'open' | 'resolved' | 'all';
  monitorId?: number;
  /** Incidents that overlap [from, to). */
  from?: number;
  to?: number;
  limit: number;
}

export function listIncidents(db: Db, filter: IncidentFilter): IncidentView[] {
  const where: string[] = [];
  const args: number[] = [];
  if (filter.state === 'open') where.push('resolved_at IS NULL');
  if (filter.state === 'resolved') where.push('resolved_at IS NOT NULL');
  if (filter.monitorId !== undefined) {
    where.push('monitor_id = ?');
    args.push(filter.monitorId);
  }
  if (filter.from !== undefined) {
    where.push('(resolved_at IS NULL OR resolved_at >= ?)');
    args.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('started_at < ?');
    args.push(filter.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return db
    .prepare(`SELECT ${COLUMNS} FROM monitor_incidents ${clause} ORDER BY started_at DESC LIMIT ?`)
    .all(...args, filter.limit) as IncidentView[];
}

/** Start times of the incidents of some monitors since a time (for the 90-day bars). */
export function incidentStarts(db: Db, monitorIds: readonly number[], since: number): Map<number, number[]> {
  const out = new Map<number, number[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT monitor_id AS id, started_at AS at FROM monitor_incidents WHERE started_at >= ?
       AND monitor_id IN (${monitorIds.map(() => '?').join(',')})`,
    )
    .all(since, ...monitorIds) as { id: number; at: number }[];
  for (const row of rows) out.get(row.id)?.push(row.at);
  return out;
}

export function addNote(db: Db, incidentId: number, note: { author: string; text: string; public: boolean }, at = Date.now()): IncidentNote {
  const id = Number(
    db
      .prepare('INSERT INTO monitor_incident_notes (incident_id, author, text, public, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(incidentId, note.author, note.text, note.public ? 1 : 0, at).lastInsertRowid,
  );
  return { id, incidentId, author: note.author, text: note.text, public: note.public, createdAt: at };
}

export function notesOf(db: Db, incidentIds: readonly number[], options: { publicOnly?: boolean } = {}): IncidentNote[] {
  if (incidentIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, incident_id AS incidentId, author, text, public, created_at AS createdAt FROM monitor_incident_notes
       WHERE incident_id IN (${incidentIds.map(() => '?').join(',')}) ${options.publicOnly ? 'AND public = 1' : ''}
       ORDER BY id`,
    )
    .all(...incidentIds) as (Omit<IncidentNote, 'public'> & { public: number })[];
  return rows.map((r) => ({ ...r, public: r.public === 1 }));
}
