/**
 * A server-to-client WebSocket text frame, encoded once per broadcast (RFC 6455 §5.2: FIN, opcode
 * 0x1, no mask from a server, 7/16/64-bit payload length). `ws.send` frames every message again for
 * every socket (a header allocation and two corked writes); a broadcast to thousands of sockets
 * writes these same bytes to each instead.
 */
export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, header);
  return frame;
}
