import 'server-only';
import fs from 'node:fs';
import { EnvError } from '../../env';
import type { Db } from '../store';
import { parseDefinition, type MonitorDefinition } from './definition';
import { upsertByName } from './manage';

/**
 * Reads MONITORS_FILE: a JSON list of monitor definitions (see definition.ts and architecture.md).
 * Every entry is checked before anything is written; a bad file stops the start with an error that
 * names the variable, the entry (index and name) and the field.
 */
export function readMonitorsFile(path: string): MonitorDefinition[] {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnvError([`MONITORS_FILE "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EnvError([`MONITORS_FILE "${path}" is not valid JSON: ${(error as Error).message}`]);
  }
  if (!Array.isArray(parsed)) throw new EnvError([`MONITORS_FILE "${path}" must hold a JSON list of monitors`]);
  const problems: string[] = [];
  const definitions: MonitorDefinition[] = [];
  const names = new Map<string, number>();
  parsed.forEach((entry: unknown, index) => {
    const name = (entry as { name?: unknown } | null)?.name;
    const label = `MONITORS_FILE entry ${index}${typeof name === 'string' ? ` ("${name}")` : ''}`;
    const result = parseDefinition(entry);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fields)) problems.push(`${label}: ${field} ${message}`);
      return;
    }
    const key = result.definition.name.toLowerCase();
    if (names.has(key)) problems.push(`${label}: name is the same as entry ${names.get(key)}`);
    names.set(key, index);
    definitions.push(result.definition);
  });
  if (problems.length > 0) throw new EnvError(problems.slice(0, 20));
  return definitions;
}

/** Upserts the file's monitors by name; monitors not in the file are left alone. */
export function seedMonitors(db: Db, path: string, log: (line: string) => void): void {
  const definitions = readMonitorsFile(path);
  let created = 0;
  // IMMEDIATE: instances sharing the store may seed at the same moment; one waits for the other.
  db.transaction(() => {
    for (const d of definitions) if (upsertByName(db, d, 'file').created) created++;
  }).immediate();
  log(`[monitors] MONITORS_FILE: ${created} created, ${definitions.length - created} updated`);
}
