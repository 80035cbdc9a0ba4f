import { describe, expect, it } from 'vitest';
import { REASON, V5Session, fromClient, toClient } from './mqtt5-translate';

describe('MQTT 5 ↔ 3.1.1 translation', () => {
  it('turns a v5 CONNECT into 3.1.1, assigning a client id and mapping session expiry to clean', () => {
    const session = new V5Session(4096);
    const { toBroker } = fromClient(
      {
        cmd: 'connect',
        protocolVersion: 5,
        clientId: '',
        clean: true,
        keepalive: 30,
        properties: { sessionExpiryInterval: 3600 },
      },
      session,
    );
    expect(toBroker).toMatchObject({ cmd: 'connect', protocolVersion: 4, clean: false });
    expect(session.assignedClientId).toMatch(/^v5-/);
    const connack = toClient({ cmd: 'connack', returnCode: 0, sessionPresent: false }, session).toClient;
    expect(connack).toMatchObject({
      reasonCode: 0,
      properties: {
        assignedClientIdentifier: session.assignedClientId,
        maximumPacketSize: 4096,
        topicAliasMaximum: 0,
      },
    });
    expect(
      toClient({ cmd: 'connack', returnCode: 4, sessionPresent: false }, session).toClient,
    ).toMatchObject({
      reasonCode: REASON.badCredentials,
    });
  });

  it('answers a refused publish with 0x87, and completes a refused QoS 2 flow for aedes', () => {
    const session = new V5Session(4096);
    session.refused.add(7);
    expect(toClient({ cmd: 'puback', messageId: 7 }, session).toClient).toMatchObject({
      reasonCode: REASON.notAuthorized,
    });
    expect(toClient({ cmd: 'puback', messageId: 8 }, session).toClient).not.toHaveProperty('reasonCode');
    session.refused.add(9);
    const pubrec = toClient({ cmd: 'pubrec', messageId: 9 }, session);
    expect(pubrec.toBroker).toEqual({ cmd: 'pubrel', messageId: 9 });
    expect(toClient({ cmd: 'pubcomp', messageId: 9 }, session)).toEqual({});
  });

  it('gives UNSUBACK one reason per topic, SUBACK 0x87 for refusals, and refuses topic aliases', () => {
    const session = new V5Session(4096);
    fromClient({ cmd: 'unsubscribe', messageId: 3, unsubscriptions: ['a', 'b'] }, session);
    expect(toClient({ cmd: 'unsuback', messageId: 3, granted: [] }, session).toClient).toMatchObject({
      granted: [0, 0],
    });
    expect(toClient({ cmd: 'suback', messageId: 4, granted: [1, 128] }, session).toClient).toMatchObject({
      granted: [1, 0x87],
    });
    const aliased = fromClient(
      {
        cmd: 'publish',
        topic: '',
        payload: Buffer.from('1'),
        qos: 0,
        dup: false,
        retain: false,
        properties: { topicAlias: 1 },
      },
      session,
    );
    expect(aliased.close).toEqual({ reason: REASON.topicAliasInvalid });
    expect(fromClient({ cmd: 'disconnect', reasonCode: REASON.disconnectWithWill }, session).close).toEqual({
      reason: null,
    });
  });
});
