import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EnvError } from '../../env';
import { verifyPassword } from '../auth/password';
import type { Db } from '../store';
import { createDevice } from './credentials';
import {
  deviceIdSchema,
  devicePasswordSchema,
  getCredentials,
  rateLimitSchema,
  topicPrefixSchema,
} from './store';

/** One entry of DEVICES_FILE: `{ id, password, topicPrefix }`, plus an optional per-device rate limit. */
const entrySchema = z.strictObject({
  id: deviceIdSchema,
  password: devicePasswordSchema,
  topicPrefix: topicPrefixSchema,
  /** Messages per second for this device's connections (default: the broker's limit). */
  rateLimit: rateLimitSchema.optional(),
});

export type DevicesFileEntry = z.infer<typeof entrySchema>;

/**
 * Reads and validates DEVICES_FILE. Every problem stops the start with a message that names the
 * variable, the file and the entry (by position and id), e.g.
 * `DEVICES_FILE ./devices.json: entry 3 ("room-201"): topicPrefix must start with sensors/ …`.
 */
export function readDevicesFile(file: string): DevicesFileEntry[] {
  const where = `DEVICES_FILE ${file}`;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new EnvError([
      `${where}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EnvError([`${where}: is not valid JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(json)) {
    throw new EnvError([`${where}: must be a JSON list of { "id", "password", "topicPrefix" }`]);
  }
  const problems: string[] = [];
  const entries: DevicesFileEntry[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of json.entries()) {
    const id =
      typeof (raw as { id?: unknown })?.id === 'string'
        ? ` ("${(raw as { id: string }).id.slice(0, 64)}")`
        : '';
    const label = `${where}: entry ${index + 1}${id}`;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        problems.push(`${label}: ${issue.path.join('.') || 'entry'} ${issue.message}`);
      }
      continue;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(`${label}: id is listed twice`);
      continue;
    }
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  }
  if (problems.length > 0) throw new EnvError(problems);
  return entries;
}

/**
 * Creates or updates the devices listed in the file. An entry whose password and prefix already
 * match is left alone (no new hash, no disconnection); a changed one is rotated. A device an admin
 * revoked stays revoked while the file still holds the password it was revoked with (a restart must
 * not let a leaked credential back in); a new password in the file brings the device back.
 */
export async function seedDevicesFile(
  db: Db,
  entries: DevicesFileEntry[],
): Promise<{ created: number; updated: number; revoked: string[] }> {
  let created = 0;
  let updated = 0;
  const revoked: string[] = [];
  await Promise.all(
    entries.map(async (entry) => {
      const existing = getCredentials(db, entry.id);
      const samePassword = existing ? await verifyPassword(entry.password, existing.passwordHash) : false;
      if (existing && existing.revokedAt !== null && samePassword) {
        revoked.push(entry.id);
        return;
      }
      if (
        existing &&
        existing.revokedAt === null &&
        existing.topicPrefix === entry.topicPrefix &&
        existing.rateLimit === (entry.rateLimit ?? null) &&
        samePassword
      ) {
        return;
      }
      await createDevice(db, { ...entry, source: 'file' });
      if (existing) updated++;
      else created++;
    }),
  );
  return { created, updated, revoked: revoked.sort() };
}
