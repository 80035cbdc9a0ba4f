import { describe, expect, it } from 'vitest';
import { H3_ERROR, H3ConnectionError, webTransportCode } from './h3-errors';
import {
  FRAME,
  SERVER_SETTINGS,
  SETTING,
  StreamBuffer,
  decodeSettings,
  encodeFrame,
  encodeSettings,
} from './h3-frames';
import { encodeVarint, readVarint } from './varint';

const hex = (text: string) =>
  Uint8Array.from(
    text
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );

function errorCode(run: () => unknown): number | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof H3ConnectionError ? error.code : -1;
  }
}

describe('QUIC varints (RFC 9000 §16, Appendix A.1)', () => {
  it('decodes the RFC examples', () => {
    expect(readVarint(hex('9d7f3e7d'))).toEqual({ value: 494_878_333, length: 4 });
    expect(readVarint(hex('7bbd'))).toEqual({ value: 15_293, length: 2 });
    expect(readVarint(hex('25'))).toEqual({ value: 37, length: 1 });
    expect(readVarint(hex('4025'))).toEqual({ value: 37, length: 2 });
    // 151,288,809,941,952,652 does not fit a JavaScript number exactly: refused, never misread.
    expect(readVarint(hex('c2197c5eff14e88c'))).toBeNull();
  });

  it('encodes with the shortest length and reports truncation', () => {
    expect([...encodeVarint(37)]).toEqual([0x25]);
    expect([...encodeVarint(15_293)]).toEqual([...hex('7bbd')]);
    expect([...encodeVarint(494_878_333)]).toEqual([...hex('9d7f3e7d')]);
    // SETTINGS_ENABLE_WEBTRANSPORT (draft-02) fits in four bytes.
    expect([...encodeVarint(0x2b603742)]).toEqual([...hex('ab603742')]);
    expect([...encodeVarint(2 ** 40)]).toEqual([...hex('c000010000000000')]);
    expect(readVarint(hex('9d7f3e'))).toBeNull();
  });
});

describe('HTTP/3 frames (RFC 9114 §7)', () => {
  it('round-trips the server SETTINGS, WebTransport draft-02 included', () => {
    const frame = encodeSettings(SERVER_SETTINGS);
    const buffer = new StreamBuffer();
    buffer.push(frame);
    const parsed = buffer.frame(1024)!;
    expect(parsed.type).toBe(FRAME.SETTINGS);
    const settings = decodeSettings(parsed.payload);
    expect(settings.get(SETTING.ENABLE_WEBTRANSPORT)).toBe(1);
    expect(settings.get(SETTING.H3_DATAGRAM)).toBe(1);
    expect(settings.get(SETTING.ENABLE_CONNECT_PROTOCOL)).toBe(1);
    expect(settings.get(SETTING.QPACK_MAX_TABLE_CAPACITY)).toBe(0);
  });

  it('ignores unknown (GREASE) settings and refuses duplicates, reserved HTTP/2 ids and bad booleans (§7.2.4)', () => {
    const grease = 0x1f * 3 + 0x21;
    expect(decodeSettings(hex(`${toHex(encodeVarint(grease))}05`)).get(grease)).toBe(5);
    expect(errorCode(() => decodeSettings(hex('0101 0102')))).toBe(H3_ERROR.SETTINGS_ERROR);
    expect(errorCode(() => decodeSettings(hex('0200')))).toBe(H3_ERROR.SETTINGS_ERROR);
    expect(errorCode(() => decodeSettings(hex('0500')))).toBe(H3_ERROR.SETTINGS_ERROR);
    expect(errorCode(() => decodeSettings(hex('3302')))).toBe(H3_ERROR.SETTINGS_ERROR);
    expect(errorCode(() => decodeSettings(hex('01')))).toBe(H3_ERROR.FRAME_ERROR);
  });

  it('reassembles frames split anywhere, and refuses one over the size limit before buffering it', () => {
    const bytes = new Uint8Array([
      ...encodeFrame(FRAME.HEADERS, new Uint8Array(300).fill(1)),
      ...encodeFrame(FRAME.DATA, Uint8Array.of(9)),
    ]);
    const buffer = new StreamBuffer();
    const frames = [];
    for (const b of bytes) {
      buffer.push(Uint8Array.of(b));
      const f = buffer.frame(1024);
      if (f) frames.push(f);
    }
    expect(frames.map((f) => [f.type, f.payload.length])).toEqual([
      [FRAME.HEADERS, 300],
      [FRAME.DATA, 1],
    ]);
    const huge = new StreamBuffer();
    huge.push(hex('01 80100000')); // HEADERS claiming 1 MiB
    expect(errorCode(() => huge.frame(64 * 1024))).toBe(H3_ERROR.EXCESSIVE_LOAD);
  });

  it('maps WebTransport application codes past the reserved code points', () => {
    expect(webTransportCode(0)).toBe(0x52e4a40fa8db);
    expect(webTransportCode(0x1d)).toBe(0x52e4a40fa8db + 0x1d);
    expect(webTransportCode(0x1e)).toBe(0x52e4a40fa8db + 0x1f);
  });
});

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
