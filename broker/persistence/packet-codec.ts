import type { StoredPacket } from 'aedes-persistence/asyncPersistence.js';

/**
 * Packets are stored as JSON beside their payload (a BLOB). MQTT 5 properties may hold Buffers
 * (correlation data); JSON.stringify writes those as `{ type: 'Buffer', data: [...] }` and the
 * reviver turns them back.
 */
export function encodePacket(packet: StoredPacket): { json: string; payload: Buffer } {
  const { payload, ...rest } = packet;
  return { json: JSON.stringify(rest), payload: payload ?? Buffer.alloc(0) };
}

export function decodePacket(json: string, payload: Buffer): StoredPacket {
  const packet = JSON.parse(json, reviveBuffers) as StoredPacket;
  packet.payload = payload;
  return packet;
}

function reviveBuffers(_key: string, value: unknown): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return Buffer.from((value as { data: number[] }).data);
  }
  return value;
}

/**
 * A copy of a packet as queued for a client, the way aedes-packet makes one: identity fields kept,
 * the message id cleared until the packet is sent [MQTT-2.3.1-1].
 */
export function queuedCopy(original: StoredPacket): StoredPacket {
  const packet: StoredPacket = {
    cmd: original.cmd || 'publish',
    brokerId: original.brokerId,
    brokerCounter: original.brokerCounter || 0,
    topic: original.topic,
    payload: original.payload ?? Buffer.alloc(0),
    qos: original.qos ?? 0,
    retain: original.retain ?? false,
    dup: original.dup ?? false,
  };
  const extra = packet as Record<string, unknown>;
  for (const key of ['clientId', 'nl', 'properties', 'messageExpiry']) {
    if (Object.hasOwn(original, key)) extra[key] = original[key];
  }
  if (packet.qos! > 0 || packet.cmd !== 'publish') packet.messageId = undefined;
  return packet;
}
