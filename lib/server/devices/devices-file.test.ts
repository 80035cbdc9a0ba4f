import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support';
import { revokeDeviceCredentials, verifyDevice } from './credentials';
import { seedDevicesFile } from './devices-file';

describe('seedDevicesFile', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.cleanup());

  const entry = { id: 'room-201', password: 'first-password-123', topicPrefix: 'sensors/a/f2/room-201' };

  it('creates the listed devices once and leaves unchanged ones alone on the next start', async () => {
    expect(await seedDevicesFile(t.db, [entry])).toEqual({ created: 1, updated: 0, revoked: [] });
    expect(await seedDevicesFile(t.db, [entry])).toEqual({ created: 0, updated: 0, revoked: [] });
    expect(await verifyDevice(t.db, entry.id, entry.password)).toMatchObject({ ok: true });
  });

  it('keeps a device an admin revoked out while the file holds the revoked password; a new one brings it back', async () => {
    await seedDevicesFile(t.db, [entry]);
    expect(revokeDeviceCredentials(t.db, entry.id)).toBe(true);

    expect(await seedDevicesFile(t.db, [entry])).toEqual({ created: 0, updated: 0, revoked: ['room-201'] });
    expect(await verifyDevice(t.db, entry.id, entry.password)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });

    const renewed = { ...entry, password: 'second-password-456' };
    expect(await seedDevicesFile(t.db, [renewed])).toEqual({ created: 0, updated: 1, revoked: [] });
    expect(await verifyDevice(t.db, entry.id, renewed.password)).toMatchObject({ ok: true });
    expect(await verifyDevice(t.db, entry.id, entry.password)).toMatchObject({ ok: false });
  });
});
