/**
 * QUIC variable-length integers (RFC 9000 §16): the two high bits of the first byte give the length
 * (1, 2, 4 or 8 bytes), the rest is the value, big-endian. Values up to 2^62 − 1; numbers above 2^53
 * lose precision in JavaScript, so decoding refuses them (nothing in HTTP/3 or WebTransport needs them
 * from a well-behaved peer: stream ids, lengths and codes stay far below).
 */

export const MAX_VARINT = 2 ** 62 - 1;

export interface VarintRead {
  value: number;
  /** Bytes the integer took. */
  length: number;
}

/** Reads one varint at `offset`; null when the buffer ends before it does. */
export function readVarint(bytes: Uint8Array, offset = 0): VarintRead | null {
  if (offset >= bytes.length) return null;
  const first = bytes[offset]!;
  const length = 1 << (first >> 6);
  if (offset + length > bytes.length) return null;
  let value = first & 0x3f;
  for (let i = 1; i < length; i++) value = value * 256 + bytes[offset + i]!;
  if (value > Number.MAX_SAFE_INTEGER) return null;
  return { value, length };
}

/** The shortest encoding's length for `value`. */
export function varintLength(value: number): 1 | 2 | 4 | 8 {
  if (value < 0 || !Number.isInteger(value) || value > MAX_VARINT)
    throw new RangeError(`not a varint: ${value}`);
  if (value < 2 ** 6) return 1;
  if (value < 2 ** 14) return 2;
  if (value < 2 ** 30) return 4;
  return 8;
}

export function encodeVarint(value: number): Uint8Array {
  const length = varintLength(value);
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0]! |= [0x00, 0x40, 0, 0x80, 0, 0, 0, 0xc0][length - 1]!;
  return out;
}

/** Writes varints and bytes into one buffer. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  varint(value: number): this {
    return this.bytes(encodeVarint(value));
  }

  bytes(data: Uint8Array): this {
    this.parts.push(data);
    this.size += data.length;
    return this;
  }

  get length(): number {
    return this.size;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
