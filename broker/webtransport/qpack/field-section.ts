/**
 * QPACK field sections (RFC 9204 §4.5) for a server that advertises a dynamic table capacity of 0
 * (SETTINGS_QPACK_MAX_TABLE_CAPACITY = 0, RFC 9204 §5): the decoder reads the static table, literals
 * and Huffman-coded strings; any reference to the dynamic table is a QPACK_DECOMPRESSION_FAILED
 * connection error (RFC 9204 §2.2.3, §4.5.1.1). The encoder writes responses with static references
 * and plain literals, which every decoder accepts.
 */
import { H3_ERROR, H3ConnectionError } from '../h3-errors';
import { HuffmanError, decodeHuffman } from './huffman';
import { STATIC_TABLE } from './static-table';

export type FieldLine = [name: string, value: string];

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function failed(reason: string): H3ConnectionError {
  return new H3ConnectionError(H3_ERROR.QPACK_DECOMPRESSION_FAILED, reason);
}

class Cursor {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  peek(): number {
    if (this.done) throw failed('field section ends early');
    return this.bytes[this.at]!;
  }

  /** RFC 7541 §5.1: an integer with an N-bit prefix; longer than 2^53 is refused. */
  integer(prefixBits: number): number {
    const max = 2 ** prefixBits - 1;
    let value = this.peek() & max;
    this.at++;
    if (value < max) return value;
    let shift = 0;
    for (;;) {
      const byte = this.peek();
      this.at++;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (value > Number.MAX_SAFE_INTEGER || shift > 56) throw failed('integer too large');
      if ((byte & 0x80) === 0) return value;
    }
  }

  /** RFC 7541 §5.2: a string literal whose H bit sits just above an N-bit length prefix. */
  string(prefixBits: number, maxLength: number): string {
    const huffman = (this.peek() >> prefixBits) & 1;
    const length = this.integer(prefixBits);
    if (length > maxLength) throw failed(`string of ${length} bytes is over the limit`);
    if (this.at + length > this.bytes.length) throw failed('string runs past the field section');
    const raw = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    try {
      return utf8.decode(huffman ? decodeHuffman(raw) : raw);
    } catch (error) {
      throw failed(error instanceof HuffmanError ? error.message : 'string is not UTF-8');
    }
  }
}

function staticEntry(index: number): readonly [string, string] {
  const entry = STATIC_TABLE[index];
  if (!entry) throw failed(`static table has no entry ${index}`);
  return entry;
}

/** Decodes one encoded field section (the payload of a HEADERS frame). */
export function decodeFieldSection(payload: Uint8Array, maxStringLength = 8 * 1024): FieldLine[] {
  const c = new Cursor(payload);
  // §4.5.1: Required Insert Count, then Delta Base. With no dynamic table only 0 can be produced
  // by a conforming encoder (§4.5.1.1), and the base then means nothing.
  if (c.integer(8) !== 0) throw failed('reference to the dynamic table, whose capacity is 0');
  c.integer(7);
  const fields: FieldLine[] = [];
  while (!c.done) {
    const first = c.peek();
    if (first & 0x80) {
      // §4.5.2 Indexed Field Line: 1 T index(6+)
      if (!(first & 0x40)) throw failed('indexed field line refers to the dynamic table');
      const [name, value] = staticEntry(c.integer(6));
      fields.push([name, value]);
    } else if (first & 0x40) {
      // §4.5.4 Literal Field Line with Name Reference: 01 N T index(4+), value
      if (!(first & 0x10)) throw failed('name reference to the dynamic table');
      const [name] = staticEntry(c.integer(4));
      fields.push([name, c.string(7, maxStringLength)]);
    } else if (first & 0x20) {
      // §4.5.6 Literal Field Line with Literal Name: 001 N H length(3+), name, value
      const name = c.string(3, maxStringLength);
      fields.push([name, c.string(7, maxStringLength)]);
    } else {
      // §4.5.3 Indexed Field Line with Post-Base Index (0001) and §4.5.5 Literal with Post-Base Name
      // Reference (0000): both only make sense with a dynamic table.
      throw failed('post-base reference to the dynamic table');
    }
  }
  return fields;
}

function integer(out: number[], flags: number, prefixBits: number, value: number): void {
  const max = 2 ** prefixBits - 1;
  if (value < max) {
    out.push(flags | value);
    return;
  }
  out.push(flags | max);
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function literal(out: number[], flags: number, prefixBits: number, text: string): void {
  const bytes = encoder.encode(text);
  integer(out, flags, prefixBits, bytes.length);
  out.push(...bytes);
}

/**
 * Encodes a field section with no dynamic table (RFC 9204 §4.5): a static reference where the table
 * has the whole line, a static name reference where it has the name, a literal otherwise.
 */
export function encodeFieldSection(fields: readonly FieldLine[]): Uint8Array {
  const out: number[] = [0x00, 0x00]; // Required Insert Count 0, Delta Base 0 (§4.5.1)
  for (const [name, value] of fields) {
    const exact = STATIC_TABLE.findIndex(([n, v]) => n === name && v === value);
    if (exact >= 0) {
      integer(out, 0xc0, 6, exact); // §4.5.2, T = 1
      continue;
    }
    const named = STATIC_TABLE.findIndex(([n]) => n === name);
    if (named >= 0) {
      integer(out, 0x50, 4, named); // §4.5.4, N = 0, T = 1
    } else {
      literal(out, 0x20, 3, name); // §4.5.6, N = 0, H = 0
    }
    literal(out, 0x00, 7, value); // H = 0
  }
  return Uint8Array.from(out);
}
