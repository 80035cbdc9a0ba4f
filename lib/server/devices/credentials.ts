import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { processWide } from '../process-wide';
import type { Db } from '../store';
import {
  getCredentials,
  revokeDevice,
  setPasswordHash,
  upsertDevice,
  type DeviceCredentials,
  type DeviceSource,
} from './store';
import { deviceChanges } from './changes';

/** A generated device password: 24 random bytes, URL-safe (no shell or JSON quoting needed). */
export function generateDevicePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Successful checks, remembered by a fast digest of the password: scrypt costs tens of milliseconds by
 * design, and a fleet reconnecting after a broker restart would otherwise queue thousands of them.
 * An entry is only valid for the stored hash it was checked against, so a rotation or revocation
 * invalidates it.
 */
interface CacheEntry {
  storedHash: string;
  digest: Buffer;
}

const digestOf = (password: string) => createHash('sha256').update(password, 'utf8').digest();
const cache = () => processWide('device-credential-cache', () => new Map<string, CacheEntry>());

export type DeviceAuth =
  { ok: true; device: DeviceCredentials } | { ok: false; reason: 'unknown' | 'revoked' | 'wrong-password' };

/** Checks a device's id and password; constant work whether or not the device exists. */
export async function verifyDevice(db: Db, id: string, password: string): Promise<DeviceAuth> {
  const device = getCredentials(db, id);
  if (!device) {
    await verifyPassword(password, await dummyPasswordHash());
    return { ok: false, reason: 'unknown' };
  }
  if (device.revokedAt !== null) return { ok: false, reason: 'revoked' };
  const entries = cache();
  const digest = digestOf(password);
  const cached = entries.get(id);
  if (cached && cached.storedHash === device.passwordHash && timingSafeEqual(cached.digest, digest)) {
    return { ok: true, device };
  }
  if (!(await verifyPassword(password, device.passwordHash))) return { ok: false, reason: 'wrong-password' };
  entries.set(id, { storedHash: device.passwordHash, digest });
  return { ok: true, device };
}

/** Creates (or replaces) a device's credentials; returns the password, which is shown only once. */
export async function createDevice(
  db: Db,
  input: {
    id: string;
    topicPrefix: string;
    source: DeviceSource;
    password?: string;
    rateLimit?: number | null;
  },
): Promise<string> {
  const password = input.password ?? generateDevicePassword();
  const existing = getCredentials(db, input.id);
  upsertDevice(db, { ...input, passwordHash: await hashPassword(password) });
  cache().delete(input.id);
  if (existing) deviceChanges().emit({ deviceId: input.id, kind: 'rotated' });
  return password;
}

/** Gives a device a new password and disconnects the sessions opened with the old one. */
export async function rotateDevice(
  db: Db,
  id: string,
  password = generateDevicePassword(),
): Promise<string | null> {
  if (!setPasswordHash(db, id, await hashPassword(password))) return null;
  cache().delete(id);
  deviceChanges().emit({ deviceId: id, kind: 'rotated' });
  return password;
}

/** Revokes a device: it can no longer connect, and its open sessions are closed. */
export function revokeDeviceCredentials(db: Db, id: string): boolean {
  if (!revokeDevice(db, id)) return false;
  cache().delete(id);
  deviceChanges().emit({ deviceId: id, kind: 'revoked' });
  return true;
}
