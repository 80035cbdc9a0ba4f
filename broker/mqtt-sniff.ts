import type { Duplex } from 'node:stream';

export type Sniffed = { ok: true; protocolVersion: 3 | 4 | 5 } | { ok: false; reason: string };

/**
 * Reads the start of a CONNECT [MQTT-3.1] from bytes received so far: `null` while more are needed,
 * else the protocol level or why this is not MQTT. The first packet of a connection must be CONNECT
 * [MQTT-3.1.0-1]; anything else (an HTTP request, TLS on the plain port, random bytes) is refused
 * here, before the broker allocates a client for it.
 */
export function readConnectStart(buf: Buffer): Sniffed | null {
  if (buf.length === 0) return null;
  if (buf[0] !== 0x10)
    return { ok: false, reason: `first byte 0x${buf[0]!.toString(16).padStart(2, '0')} is not CONNECT` };
  let offset = 1;
  for (let i = 0; ; i++) {
    if (offset >= buf.length) return null;
    const byte = buf[offset++]!;
    if ((byte & 0x80) === 0) break;
    if (i === 3) return { ok: false, reason: 'malformed remaining length' };
  }
  if (offset + 2 > buf.length) return null;
  const nameLength = buf.readUInt16BE(offset);
  offset += 2;
  if (nameLength !== 4 && nameLength !== 6) return { ok: false, reason: 'protocol name is not MQTT' };
  if (offset + nameLength + 1 > buf.length) return null;
  const name = buf.toString('latin1', offset, offset + nameLength);
  const level = buf[offset + nameLength]! & 0x7f;
  if (name === 'MQTT' && (level === 4 || level === 5)) return { ok: true, protocolVersion: level };
  if (name === 'MQIsdp' && level === 3) return { ok: true, protocolVersion: 3 };
  return { ok: false, reason: `unsupported protocol ${name.replace(/[^\x20-\x7e]/g, '?')} level ${level}` };
}

/**
 * Waits for the start of the first packet on `stream`, puts the bytes back, and reports what it is.
 * Gives up after `timeoutMs` (a connection that never speaks) or when the stream closes.
 */
export function sniffConnect(stream: Duplex, timeoutMs: number): Promise<Sniffed> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: Sniffed, unshift: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.off('readable', onReadable);
      stream.off('close', onClose);
      stream.off('error', onClose);
      if (unshift && chunks.length > 0) stream.unshift(Buffer.concat(chunks));
      resolve(result);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        const result = readConnectStart(Buffer.concat(chunks));
        if (result) return finish(result, result.ok);
      }
    };
    const onClose = () => finish({ ok: false, reason: 'closed before CONNECT' }, false);
    const timer = setTimeout(() => finish({ ok: false, reason: 'no CONNECT in time' }, false), timeoutMs);
    timer.unref();
    stream.on('readable', onReadable);
    stream.once('close', onClose);
    stream.once('error', onClose);
    onReadable();
  });
}
