import { randomUUID } from 'node:crypto';
import type { IConnectPacket, Packet } from 'mqtt-packet';

/** MQTT 5 reason codes used here (MQTT 5.0 §2.4, table 2-6). */
export const REASON = {
  success: 0x00,
  disconnectWithWill: 0x04,
  unspecified: 0x80,
  protocolError: 0x82,
  unsupportedVersion: 0x84,
  clientIdNotValid: 0x85,
  badCredentials: 0x86,
  notAuthorized: 0x87,
  serverUnavailable: 0x88,
  serverShuttingDown: 0x8b,
  badAuthMethod: 0x8c,
  sessionTakenOver: 0x8e,
  topicNameInvalid: 0x90,
  topicAliasInvalid: 0x94,
  packetTooLarge: 0x95,
  messageRateTooHigh: 0x96,
  quotaExceeded: 0x97,
} as const;

/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3) to MQTT 5 reason codes (§3.2.2.2). */
const CONNACK_REASON: Record<number, number> = {
  0: REASON.success,
  1: REASON.unsupportedVersion,
  2: REASON.clientIdNotValid,
  3: REASON.serverUnavailable,
  4: REASON.badCredentials,
  5: REASON.notAuthorized,
};

/**
 * What an MQTT 5 connection needs remembered between packets: the client id the server assigned, the
 * publishes refused by the ACL (their PUBACK/PUBREC carry "not authorized"), how many topics each
 * UNSUBSCRIBE named (UNSUBACK has a reason per topic in 5, none in 3.1.1), and the reason to give in
 * the server's DISCONNECT when the broker closes the connection.
 */
export class V5Session {
  assignedClientId: string | null = null;
  readonly refused = new Set<number>();
  readonly unsubscribeCounts = new Map<number, number>();
  /** QoS 2 flows this adapter completed with aedes on the client's behalf (after a refusal). */
  readonly completedForClient = new Set<number>();
  disconnectReason: number | null = null;

  constructor(readonly maxPacketBytes: number) {}
}

export interface Inbound {
  /** The packet to hand to the 3.1.1 broker. */
  toBroker?: Packet;
  /** A packet answered here, straight to the client. */
  toClient?: Packet;
  /** Close the connection: with a DISCONNECT carrying this reason, or abruptly (`null`: will is sent). */
  close?: { reason: number | null };
}

/** A packet from the MQTT 5 client, in the 3.1.1 form aedes understands. */
export function fromClient(packet: Packet, session: V5Session): Inbound {
  switch (packet.cmd) {
    case 'connect':
      return { toBroker: downgradeConnect(packet, session) };
    case 'publish':
      if (packet.properties?.topicAlias !== undefined) {
        // The CONNACK advertised Topic Alias Maximum 0, so an alias is a protocol error [MQTT-3.3.2-8].
        return { close: { reason: REASON.topicAliasInvalid } };
      }
      return {
        toBroker: {
          cmd: 'publish',
          topic: packet.topic,
          payload: packet.payload,
          qos: packet.qos,
          retain: packet.retain,
          dup: packet.dup,
          messageId: packet.messageId,
        },
      };
    case 'pubrec':
      // A PUBREC with a failure reason ends the QoS 2 flow [MQTT-4.3.3]: to aedes that is a completion.
      if ((packet.reasonCode ?? 0) >= 0x80)
        return { toBroker: { cmd: 'pubcomp', messageId: packet.messageId } };
      return { toBroker: { cmd: 'pubrec', messageId: packet.messageId } };
    case 'puback':
    case 'pubrel':
    case 'pubcomp':
      return { toBroker: { cmd: packet.cmd, messageId: packet.messageId } };
    case 'subscribe':
      return {
        toBroker: {
          cmd: 'subscribe',
          messageId: packet.messageId,
          subscriptions: packet.subscriptions.map((s) => ({ topic: s.topic, qos: s.qos })),
        },
      };
    case 'unsubscribe':
      session.unsubscribeCounts.set(packet.messageId ?? 0, packet.unsubscriptions.length);
      return {
        toBroker: {
          cmd: 'unsubscribe',
          messageId: packet.messageId,
          unsubscriptions: packet.unsubscriptions,
        },
      };
    case 'pingreq':
      return { toBroker: { cmd: 'pingreq' } };
    case 'disconnect':
      // 0x04 asks the server to publish the will anyway [MQTT-3.14.2.1]: close without a DISCONNECT.
      if (packet.reasonCode === REASON.disconnectWithWill) return { close: { reason: null } };
      return { toBroker: { cmd: 'disconnect' } };
    case 'auth':
      return { close: { reason: REASON.badAuthMethod } };
    default:
      return { close: { reason: REASON.protocolError } };
  }
}

function downgradeConnect(packet: IConnectPacket, session: V5Session): IConnectPacket {
  let clientId = packet.clientId;
  if (!clientId) {
    // MQTT 5 lets the server assign an id and say so in CONNACK [MQTT-3.2.2-16].
    clientId = `v5-${randomUUID()}`;
    session.assignedClientId = clientId;
  }
  // A session that outlives the connection (expiry > 0) is what 3.1.1 calls clean = false.
  const expiry = packet.properties?.sessionExpiryInterval ?? 0;
  return {
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clientId,
    clean: expiry === 0,
    keepalive: packet.keepalive ?? 0,
    username: packet.username,
    password: packet.password,
    will: packet.will && {
      topic: packet.will.topic,
      payload: packet.will.payload,
      qos: packet.will.qos ?? 0,
      retain: packet.will.retain ?? false,
    },
  };
}

export interface Outbound {
  toClient?: Packet;
  /** A packet fed back to the broker (the PUBREL that completes a refused QoS 2 publish). */
  toBroker?: Packet;
}

/** A packet from aedes (3.1.1), in the MQTT 5 form the client expects. */
export function toClient(packet: Packet, session: V5Session): Outbound {
  switch (packet.cmd) {
    case 'connack': {
      const reasonCode = CONNACK_REASON[packet.returnCode ?? 0] ?? REASON.unspecified;
      return {
        toClient: {
          cmd: 'connack',
          sessionPresent: packet.sessionPresent,
          reasonCode,
          properties: {
            maximumPacketSize: session.maxPacketBytes,
            retainAvailable: true,
            wildcardSubscriptionAvailable: true,
            subscriptionIdentifiersAvailable: false,
            sharedSubscriptionAvailable: false,
            topicAliasMaximum: 0,
            ...(reasonCode === 0 && session.assignedClientId
              ? { assignedClientIdentifier: session.assignedClientId }
              : {}),
          },
        },
      };
    }
    case 'puback':
    case 'pubrec': {
      const refused = packet.messageId !== undefined && session.refused.delete(packet.messageId);
      if (!refused) return { toClient: { cmd: packet.cmd, messageId: packet.messageId } };
      if (packet.cmd === 'pubrec') session.completedForClient.add(packet.messageId!);
      return {
        toClient: { cmd: packet.cmd, messageId: packet.messageId, reasonCode: REASON.notAuthorized },
        // The client ends a refused QoS 2 flow here; aedes still waits for PUBREL, so give it one.
        toBroker: packet.cmd === 'pubrec' ? { cmd: 'pubrel', messageId: packet.messageId } : undefined,
      };
    }
    case 'pubcomp':
      // Answer to the PUBREL fed in above; the client never sent one, so it must not see this.
      return session.completedForClient.delete(packet.messageId ?? -1) ? {} : { toClient: packet };
    case 'suback':
      return {
        toClient: {
          cmd: 'suback',
          messageId: packet.messageId,
          granted: (packet.granted as number[]).map((g) => (g === 0x80 ? REASON.notAuthorized : g)),
        },
      };
    case 'unsuback': {
      const count = session.unsubscribeCounts.get(packet.messageId ?? 0) ?? 1;
      session.unsubscribeCounts.delete(packet.messageId ?? 0);
      return {
        toClient: { cmd: 'unsuback', messageId: packet.messageId, granted: new Array<number>(count).fill(0) },
      };
    }
    case 'publish':
      return {
        toClient: {
          cmd: 'publish',
          topic: packet.topic,
          payload: packet.payload,
          qos: packet.qos,
          retain: packet.retain,
          dup: packet.dup,
          messageId: packet.messageId,
        },
      };
    default:
      return { toClient: packet };
  }
}
