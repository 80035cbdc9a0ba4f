import { describe, expect, it } from 'vitest';
import { encodeTextFrame } from '../../../broker/chat-frame';
import {
  chunkOverheadBytes,
  mqttPublishBytes,
  mqttRemainingLengthBytes,
  serverFrameHeaderBytes,
  wsHeaderBytes,
} from './framing';

describe('WebSocket framing', () => {
  it('sizes headers by payload length and mask (RFC 6455 §5.2)', () => {
    expect(wsHeaderBytes(0, false)).toBe(2);
    expect(wsHeaderBytes(125, false)).toBe(2);
    expect(wsHeaderBytes(126, false)).toBe(4);
    expect(wsHeaderBytes(65_535, false)).toBe(4);
    expect(wsHeaderBytes(65_536, false)).toBe(10);
    expect(wsHeaderBytes(125, true)).toBe(6);
    expect(wsHeaderBytes(200, true)).toBe(8);
  });

  it('reads the header size of a frame the chat encoder made', () => {
    for (const size of [0, 10, 125, 126, 4_000, 70_000]) {
      const frame = encodeTextFrame(Buffer.alloc(size, 0x61));
      expect(serverFrameHeaderBytes(frame)).toBe(frame.length - size);
      expect(serverFrameHeaderBytes(frame)).toBe(wsHeaderBytes(size, false));
    }
  });
});

describe('HTTP/1.1 chunks', () => {
  it('adds the hex size line and two CRLFs', () => {
    expect(chunkOverheadBytes(10)).toBe(5); // "a\r\n" … "\r\n"
    expect(chunkOverheadBytes(255)).toBe(6); // "ff\r\n"
    expect(chunkOverheadBytes(4_096)).toBe(8); // "1000\r\n"
  });
});

describe('MQTT PUBLISH sizes', () => {
  it('uses 1–4 bytes of remaining length (MQTT 3.1.1 §2.2.3)', () => {
    expect(mqttRemainingLengthBytes(127)).toBe(1);
    expect(mqttRemainingLengthBytes(128)).toBe(2);
    expect(mqttRemainingLengthBytes(16_383)).toBe(2);
    expect(mqttRemainingLengthBytes(16_384)).toBe(3);
    expect(mqttRemainingLengthBytes(2_097_152)).toBe(4);
  });

  it('counts fixed header, topic, packet id and acknowledgements as framing', () => {
    // QoS 0, topic "a/b" (3 bytes), 10-byte payload: 1 + 1 + (2 + 3 + 10) = 17 bytes.
    expect(mqttPublishBytes(3, 10, 0)).toEqual({ total: 17, framing: 7 });
    // QoS 1 adds the packet id (2) and a PUBACK (4).
    expect(mqttPublishBytes(3, 10, 1)).toEqual({ total: 23, framing: 13 });
    // QoS 2: PUBREC, PUBREL and PUBCOMP.
    expect(mqttPublishBytes(3, 10, 2)).toEqual({ total: 31, framing: 21 });
    // A payload that makes the remaining length need two bytes.
    expect(mqttPublishBytes(3, 200, 0)).toEqual({ total: 208, framing: 8 });
  });
});
