/**
 * Bytes each protocol adds around a message, computed from the real frame or packet sizes on the hot
 * paths (no parsing, no allocation). TCP/IP and TLS headers are below all of them and not counted.
 */

/**
 * A WebSocket frame header (RFC 6455 §5.2): 2 bytes, 4 with a 16-bit length (126–65,535 bytes), 10
 * with a 64-bit one; frames from a client are masked (§5.3), 4 more bytes.
 */
export function wsHeaderBytes(payloadBytes: number, masked: boolean): number {
  const base = payloadBytes < 126 ? 2 : payloadBytes < 65_536 ? 4 : 10;
  return masked ? base + 4 : base;
}

/** The header size of an encoded, unmasked server frame, read from its second byte. */
export function serverFrameHeaderBytes(frame: Uint8Array): number {
  const length = (frame[1] ?? 0) & 0x7f;
  return length === 127 ? 10 : length === 126 ? 4 : 2;
}

/**
 * HTTP/1.1 chunked transfer coding (RFC 9112 §7.1): every write of a response without a length is
 * one chunk, `<size in hex>\r\n<data>\r\n`.
 */
export function chunkOverheadBytes(dataBytes: number): number {
  return dataBytes.toString(16).length + 4;
}

/** Bytes of an MQTT Remaining Length (MQTT 3.1.1 §2.2.3: 7 bits a byte, at most 4). */
export function mqttRemainingLengthBytes(remaining: number): number {
  return remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
}

/** Acknowledgement packets a PUBLISH of this QoS costs, in bytes: PUBACK (QoS 1); PUBREC, PUBREL, PUBCOMP (QoS 2). */
export function mqttAckBytes(qos: number): number {
  return qos === 1 ? 4 : qos === 2 ? 12 : 0;
}

/**
 * An MQTT 3.1.1 PUBLISH (§3.3): fixed header, topic (2-byte length + UTF-8), packet id for QoS > 0,
 * payload; plus the acknowledgements its QoS needs. Returns the bytes on the wire and how many of
 * them are not payload.
 */
export function mqttPublishBytes(
  topicBytes: number,
  payloadBytes: number,
  qos: number,
): { total: number; framing: number } {
  const remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + payloadBytes;
  const total = 1 + mqttRemainingLengthBytes(remaining) + remaining + mqttAckBytes(qos);
  return { total, framing: total - payloadBytes };
}
