import 'server-only';

/**
 * Snappy block decompression (https://github.com/google/snappy/blob/main/format_description.txt), as
 * Promtail and Grafana Alloy compress their protobuf pushes. Refuses, instead of allocating, any
 * output larger than `limit`; throws SnappyError on malformed input.
 */
export class SnappyError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export function snappyDecompress(input: Uint8Array, limit: number): Buffer {
  let pos = 0;
  // The preamble: the uncompressed length as a varint.
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new SnappyError('bad length preamble');
    const byte = input[pos++]!;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (length > limit) throw new SnappyError(`uncompressed length ${length} over the limit`, true);
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const type = tag & 3;
    if (type === 0) {
      let size = tag >> 2;
      if (size >= 60) {
        const bytes = size - 59;
        if (pos + bytes > input.length) throw new SnappyError('truncated literal length');
        size = 0;
        for (let i = 0; i < bytes; i++) size += input[pos + i]! * 2 ** (8 * i);
        pos += bytes;
      }
      size += 1;
      if (pos + size > input.length || at + size > length) throw new SnappyError('literal out of bounds');
      out.set(input.subarray(pos, pos + size), at);
      pos += size;
      at += size;
      continue;
    }
    let size: number;
    let offset: number;
    if (type === 1) {
      if (pos + 1 > input.length) throw new SnappyError('truncated copy');
      size = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | input[pos++]!;
    } else if (type === 2) {
      if (pos + 2 > input.length) throw new SnappyError('truncated copy');
      size = 1 + (tag >> 2);
      offset = input[pos]! | (input[pos + 1]! << 8);
      pos += 2;
    } else {
      if (pos + 4 > input.length) throw new SnappyError('truncated copy');
      size = 1 + (tag >> 2);
      offset = (input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16)) + input[pos + 3]! * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > at || at + size > length) throw new SnappyError('copy out of bounds');
    // Copies may overlap their own output (a run): byte by byte.
    for (let i = 0; i < size; i++, at++) out[at] = out[at - offset]!;
  }
  if (at !== length) throw new SnappyError(`decompressed ${at} bytes, expected ${length}`);
  return out;
}
