import { z } from 'zod';
import { deviceChanges } from '../lib/server/devices/changes';
import { deviceIdSchema } from '../lib/server/devices/store';
import type { ClusterLink } from '../lib/server/scale/cluster';
import type { MqttBroker } from './mqtt-broker';

const changeSchema = z.object({ deviceId: deviceIdSchema, kind: z.enum(['rotated', 'revoked']) });

/**
 * Several instances: a device's credentials changed through the API of one instance close its
 * sessions on every instance (the password check itself reads the shared store each time).
 */
export function bridgeDeviceChanges(broker: MqttBroker, link: ClusterLink): () => void {
  const offLocal = deviceChanges().subscribe((change) => link.publish('devices', change));
  const offRemote = link.on('devices', (body, from) => {
    const change = changeSchema.safeParse(body);
    if (!change.success)
      return console.error(`[cluster] refused a malformed devices frame from ${from.slice(0, 8)}`);
    broker.disconnectDevice(
      change.data.deviceId,
      change.data.kind === 'revoked' ? 'credentials revoked' : 'password changed',
    );
  });
  return () => {
    offLocal();
    offRemote();
  };
}
