// A minimal WebSocket client over a raw TCP socket (RFC 6455), for the load generator: thousands of
// connections cost far less than with a full client. It does the opening handshake (§4.1), parses the
// server's unmasked frames (§5.2), answers pings (§5.5.2) and writes masked client frames (§5.3).
// Frames are handed over whole; fragmented messages (§5.4) are not used by either server here.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** A masked client frame (§5.3: every frame from a client is masked). */
export function clientFrame(opcode, payload) {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const mask = randomBytes(4);
  const length = data.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  mask.copy(frame, headerLength);
  for (let i = 0; i < length; i++) frame[headerLength + 4 + i] = data[i] ^ mask[i & 3];
  return frame;
}

/**
 * Opens a WebSocket. `onMessage(payload, opcode)` gets each text or binary frame's payload (a view
 * into a buffer that is reused: copy what you keep). Resolves with the socket once the server has
 * answered 101, rejects with the status line otherwise. With `readBuffer`, reads go into that one
 * shared buffer, and `keepReading()` returning false pauses the socket after a read until resume().
 */
export function connect({
  host,
  port,
  path,
  headers = {},
  timeoutMs = 20_000,
  onMessage,
  onClose,
  readBuffer,
  keepReading,
}) {
  return new Promise((resolve, reject) => {
    let rest = null;
    let open = false;
    let settled = false;
    const key = randomBytes(16).toString('base64');
    const settle = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onData = (chunk) => {
      let data = rest ? Buffer.concat([rest, chunk]) : chunk;
      rest = null;
      let pos = 0;
      if (!open) {
        const end = data.indexOf(CRLFCRLF);
        if (end === -1) {
          rest = Buffer.from(data);
          return;
        }
        const status = data.subarray(0, data.indexOf('\r\n')).toString('latin1');
        if (!status.startsWith('HTTP/1.1 101')) return settle(new Error(status || 'no status line'));
        open = true;
        settle(null);
        pos = end + 4;
      }
      while (data.length - pos >= 2) {
        const opcode = data[pos] & 0x0f;
        let length = data[pos + 1] & 0x7f;
        let header = 2;
        if (length === 126) {
          if (data.length - pos < 4) break;
          length = data.readUInt16BE(pos + 2);
          header = 4;
        } else if (length === 127) {
          if (data.length - pos < 10) break;
          length = Number(data.readBigUInt64BE(pos + 2));
          header = 10;
        }
        if (data.length - pos < header + length) break;
        const payload = data.subarray(pos + header, pos + header + length);
        if (opcode === 0x9) socket.write(clientFrame(0xa, payload));
        else if (opcode === 0x8) socket.end(clientFrame(0x8, payload.subarray(0, 2)));
        else if (opcode === 0x1 || opcode === 0x2) onMessage?.(payload, opcode);
        pos += header + length;
      }
      if (pos < data.length) rest = Buffer.from(data.subarray(pos));
    };
    const options = { host, port, noDelay: true };
    if (readBuffer) {
      options.onread = {
        buffer: readBuffer,
        // Returning false stops reading until resume() (the load worker's lazy sockets).
        callback: (nread, buf) => {
          onData(buf.subarray(0, nread));
          return !open || !keepReading || keepReading();
        },
      };
    }
    const socket = net.connect(options);
    if (!readBuffer) socket.on('data', onData);
    const timer = setTimeout(() => settle(new Error('TIMEOUT')), timeoutMs);
    socket.on('connect', () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    socket.on('error', (error) => settle(error));
    socket.on('close', () => {
      if (!settled) settle(new Error('CLOSED'));
      else onClose?.();
    });
  });
}
