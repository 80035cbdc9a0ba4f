import 'server-only';
import type { Db } from '../store';
import { parseDefinition, type MonitorDefinition } from './definition';
import { getMonitorControl } from './runtime';
import { deleteMonitor, getMonitor, getMonitorByName, insertMonitor, setPaused, updateMonitor, type MonitorRecord } from './store';
import type { MonitorSource } from './types';

/** Expected failures of management calls, as values (the API maps them to 404 / 409 / 422). */
export type ManageResult =
  | { ok: true; monitor: MonitorRecord }
  | { ok: false; status: 404 | 409 | 422; error: string; fields?: Record<string, string> };

function nameTaken(db: Db, name: string, exceptId?: number): ManageResult | null {
  const other = getMonitorByName(db, name);
  if (!other || other.id === exceptId) return null;
  const error = `name: "${name}" is already used by another monitor`;
  return { ok: false, status: 409, error, fields: { name: 'is already used by another monitor' } };
}

/** Validates and creates a monitor, and schedules it at once. */
export function createMonitor(db: Db, input: unknown, source: MonitorSource = 'api'): ManageResult {
  const parsed = parseDefinition(input);
  if (!parsed.ok) return { ok: false, status: 422, error: parsed.error, fields: parsed.fields };
  const taken = nameTaken(db, parsed.definition.name);
  if (taken) return taken;
  const monitor = insertMonitor(db, parsed.definition, source);
  getMonitorControl()?.upsert(monitor.id);
  return { ok: true, monitor };
}

/**
 * Applies a partial change (any definition field) and re-validates the whole monitor, so an edit
 * that breaks a rule across fields (a timeout no longer below a shorter interval) names the field.
 * A change of type starts from the patch alone: the old type's fields do not carry over.
 */
export function editMonitor(db: Db, id: number, patch: Record<string, unknown>): ManageResult {
  const current = getMonitor(db, id);
  if (!current) return { ok: false, status: 404, error: `No monitor with id ${id}.` };
  const { paused, ...changes } = patch;
  let merged: Record<string, unknown>;
  if (changes.type !== undefined && changes.type !== current.type) {
    const { name, intervalSeconds, retries, public: isPublic } = current.definition;
    merged = { name, intervalSeconds, retries, public: isPublic, ...changes };
  } else {
    merged = { ...current.definition, ...changes };
    // A new interval without a new timeout gets the default timeout for it.
    if (changes.intervalSeconds !== undefined && changes.timeoutSeconds === undefined) delete merged.timeoutSeconds;
    if (changes.intervalSeconds !== undefined && changes.retryIntervalSeconds === undefined) delete merged.retryIntervalSeconds;
  }
  const parsed = parseDefinition(merged);
  if (!parsed.ok) return { ok: false, status: 422, error: parsed.error, fields: parsed.fields };
  const taken = nameTaken(db, parsed.definition.name, id);
  if (taken) return taken;
  let monitor = updateMonitor(db, id, parsed.definition)!;
  if (typeof paused === 'boolean' && paused !== monitor.paused) monitor = setPaused(db, id, paused)!;
  getMonitorControl()?.upsert(id);
  return { ok: true, monitor };
}

export function pauseMonitor(db: Db, id: number, paused: boolean): ManageResult {
  const monitor = getMonitor(db, id) && setPaused(db, id, paused);
  if (!monitor) return { ok: false, status: 404, error: `No monitor with id ${id}.` };
  getMonitorControl()?.upsert(id);
  return { ok: true, monitor };
}

export function removeMonitor(db: Db, id: number): boolean {
  getMonitorControl()?.remove(id);
  return deleteMonitor(db, id);
}

/** Create or replace by name (MONITORS_FILE, simulator): history and status are kept on replace. */
export function upsertByName(db: Db, definition: MonitorDefinition, source: MonitorSource): { monitor: MonitorRecord; created: boolean } {
  const existing = getMonitorByName(db, definition.name);
  if (existing) {
    const monitor = updateMonitor(db, existing.id, definition)!;
    getMonitorControl()?.upsert(monitor.id);
    return { monitor, created: false };
  }
  const monitor = insertMonitor(db, definition, source);
  getMonitorControl()?.upsert(monitor.id);
  return { monitor, created: true };
}
