import { describe, expect, it } from 'vitest';
import { H3_ERROR, H3ConnectionError } from '../h3-errors';
import { decodeFieldSection, encodeFieldSection } from './field-section';
import { HuffmanError, decodeHuffman, encodeHuffman } from './huffman';
import { STATIC_TABLE } from './static-table';

const hex = (text: string) =>
  Uint8Array.from(
    text
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );
const ascii = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const text = (s: string) => new TextEncoder().encode(s);

function qpackError(run: () => unknown): number | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof H3ConnectionError ? error.code : -1;
  }
}

describe('Huffman (RFC 7541 §5.2, Appendix B)', () => {
  // RFC 7541 Appendix C.4 (requests) and C.6 (responses): the encoded literals and what they decode to.
  const vectors: [string, string][] = [
    ['f1e3 c2e5 f23a 6ba0 ab90 f4ff', 'www.example.com'],
    ['a8eb 1064 9cbf', 'no-cache'],
    ['25a8 49e9 5ba9 7d7f', 'custom-key'],
    ['25a8 49e9 5bb8 e8b4 bf', 'custom-value'],
    ['6402', '302'],
    ['aec3 771a 4b', 'private'],
    ['d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff', 'Mon, 21 Oct 2013 20:13:21 GMT'],
    ['9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3', 'https://www.example.com'],
  ];

  it.each(vectors)('decodes %s to "%s" and encodes it back', (coded, plain) => {
    expect(ascii(decodeHuffman(hex(coded)))).toBe(plain);
    expect([...encodeHuffman(text(plain))]).toEqual([...hex(coded)]);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...decodeHuffman(encodeHuffman(all))]).toEqual([...all]);
  });

  it('refuses padding longer than 7 bits, padding that is not ones, and EOS', () => {
    // "0" is 00000 (5 bits); 0x07 pads with three ones: valid. A whole 0xff byte of padding is not.
    expect(ascii(decodeHuffman(Uint8Array.of(0x07)))).toBe('0');
    expect(() => decodeHuffman(Uint8Array.of(0x07, 0xff))).toThrow(HuffmanError);
    expect(() => decodeHuffman(Uint8Array.of(0x00))).toThrow(/padding/);
    expect(() => decodeHuffman(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toThrow(/EOS/);
  });
});

describe('QPACK field sections (RFC 9204 §4.5)', () => {
  it('has the 99 entries of the static table (Appendix A)', () => {
    expect(STATIC_TABLE).toHaveLength(99);
    expect(STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(STATIC_TABLE[15]).toEqual([':method', 'CONNECT']);
    expect(STATIC_TABLE[25]).toEqual([':status', '200']);
    expect(STATIC_TABLE[98]).toEqual(['x-frame-options', 'sameorigin']);
  });

  it('decodes and encodes the Appendix B.1 example (literal with a static name reference)', () => {
    const encoded = hex('0000 510b 2f69 6e64 6578 2e68 746d 6c');
    expect(decodeFieldSection(encoded)).toEqual([[':path', '/index.html']]);
    expect([...encodeFieldSection([[':path', '/index.html']])]).toEqual([...encoded]);
  });

  it('refuses the Appendix B.2 field section: it needs a dynamic table this decoder never allows', () => {
    // Required Insert Count = 2, Base = 0, two post-base indexed lines.
    expect(qpackError(() => decodeFieldSection(hex('0381 1011')))).toBe(H3_ERROR.QPACK_DECOMPRESSION_FAILED);
    // Required Insert Count 0, then an indexed line with T = 0 (dynamic) and a post-base name reference.
    expect(qpackError(() => decodeFieldSection(hex('0000 80')))).toBe(H3_ERROR.QPACK_DECOMPRESSION_FAILED);
    expect(qpackError(() => decodeFieldSection(hex('0000 0000')))).toBe(H3_ERROR.QPACK_DECOMPRESSION_FAILED);
  });

  it('reads prefix integers as in RFC 7541 Appendix C.1 (1337 with a 5-bit prefix)', () => {
    // A literal field line with a literal name uses a 3-bit prefix for the name length; 0x27 0x01 = 7 + 1 = 8.
    const fields = decodeFieldSection(Uint8Array.of(0, 0, 0x27, 0x01, ...text('x-custom'), 0x01, 0x61));
    expect(fields).toEqual([['x-custom', 'a']]);
    // 1337 as the length of a value (7-bit prefix): 0x7f, then 1337 - 127 = 1210 = 0xba 0x09.
    const long = 'v'.repeat(1337);
    const encoded = encodeFieldSection([['x-long', long]]);
    expect([...encoded.subarray(9, 12)]).toEqual([0x7f, 0xba, 0x09]);
    expect(decodeFieldSection(encoded)).toEqual([['x-long', long]]);
  });

  it('decodes a Chromium-style extended CONNECT with Huffman-coded values', () => {
    const h = (s: string) => {
      const coded = encodeHuffman(text(s));
      return [0x80 | coded.length, ...coded];
    };
    const section = Uint8Array.of(
      0x00,
      0x00,
      0xc0 | 15, // :method CONNECT (static 15)
      0xd7, // :scheme https (static 23)
      0x50, // :authority, name from static 0
      ...h('127.0.0.1:4433'),
      0x51, // :path, name from static 1
      ...h('/metrics?token=sbwt_abc-DEF_123'),
      0x27,
      0x02, // literal name of 9 bytes, not Huffman
      ...text(':protocol'),
      ...h('webtransport'),
      0x5f,
      0x4b, // origin (static 90 = 15 + 75, 4-bit prefix)
      ...h('http://127.0.0.1:3000'),
    );
    expect(decodeFieldSection(section)).toEqual([
      [':method', 'CONNECT'],
      [':scheme', 'https'],
      [':authority', '127.0.0.1:4433'],
      [':path', '/metrics?token=sbwt_abc-DEF_123'],
      [':protocol', 'webtransport'],
      ['origin', 'http://127.0.0.1:3000'],
    ]);
  });

  it('refuses truncated sections, unknown static indexes, oversized strings and bad Huffman', () => {
    const bad = [
      hex('00'), // no Delta Base
      hex('0000 51 0b 2f69'), // value cut short
      Uint8Array.of(0, 0, 0xff, 0x30), // static index 63 + 48 = 111: past the table
      Uint8Array.of(0, 0, 0x51, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // integer too large
      Uint8Array.of(0, 0, 0x51, 0x81, 0x00), // Huffman padding of zeros
    ];
    for (const section of bad)
      expect(qpackError(() => decodeFieldSection(section))).toBe(H3_ERROR.QPACK_DECOMPRESSION_FAILED);
    const big = encodeFieldSection([[':path', 'x'.repeat(100)]]);
    expect(qpackError(() => decodeFieldSection(big, 50))).toBe(H3_ERROR.QPACK_DECOMPRESSION_FAILED);
  });

  it('encodes a response with static lines and literals', () => {
    const fields: [string, string][] = [
      [':status', '200'],
      ['sec-webtransport-http3-draft', 'draft02'],
      [':status', '403'],
    ];
    const encoded = encodeFieldSection(fields);
    expect([...encoded.subarray(0, 3)]).toEqual([0x00, 0x00, 0xd9]); // :status 200 is static 25
    expect(decodeFieldSection(encoded)).toEqual(fields);
  });
});
