/**
 * HTTP/3 framing (RFC 9114 §7) as far as a WebTransport server needs it: the frame and stream types,
 * SETTINGS (§7.2.4) with the extensions WebTransport relies on, and an incremental frame reader with a
 * size limit.
 */
import { H3_ERROR, H3ConnectionError } from './h3-errors';
import { ByteWriter, readVarint } from './varint';

/** RFC 9114 §7.2 (and §11.2.1), plus draft-ietf-webtrans-http3-02 §4.2. */
export const FRAME = {
  DATA: 0x00,
  HEADERS: 0x01,
  CANCEL_PUSH: 0x03,
  SETTINGS: 0x04,
  PUSH_PROMISE: 0x05,
  GOAWAY: 0x07,
  MAX_PUSH_ID: 0x0d,
  /** Not a frame: the signal that turns a bidirectional stream into a WebTransport stream. */
  WEBTRANSPORT_STREAM: 0x41,
} as const;

/** RFC 9114 §7.2.8: frame types of HTTP/2 with no HTTP/3 equivalent; receiving one is H3_FRAME_UNEXPECTED. */
export const RESERVED_H2_FRAMES: ReadonlySet<number> = new Set([0x02, 0x06, 0x08, 0x09]);

/** RFC 9114 §6.2 stream types, RFC 9204 §4.2 (QPACK), draft-ietf-webtrans-http3-02 §4.1 (0x54). */
export const STREAM_TYPE = {
  CONTROL: 0x00,
  PUSH: 0x01,
  QPACK_ENCODER: 0x02,
  QPACK_DECODER: 0x03,
  WEBTRANSPORT: 0x54,
} as const;

export const SETTING = {
  /** RFC 9204 §5. */
  QPACK_MAX_TABLE_CAPACITY: 0x01,
  /** RFC 9114 §7.2.4.1. */
  MAX_FIELD_SECTION_SIZE: 0x06,
  /** RFC 9204 §5. */
  QPACK_BLOCKED_STREAMS: 0x07,
  /** RFC 9220 §3 (extended CONNECT, from RFC 8441 §3). */
  ENABLE_CONNECT_PROTOCOL: 0x08,
  /** RFC 9297 §2.1.1. */
  H3_DATAGRAM: 0x33,
  /** draft-ietf-webtrans-http3-02 §3.1: the setting Chromium negotiates WebTransport with. */
  ENABLE_WEBTRANSPORT: 0x2b603742,
} as const;

/** RFC 9114 §7.2.4.1 and §11.2.2: HTTP/2 settings with no HTTP/3 meaning; receiving one is H3_SETTINGS_ERROR. */
const RESERVED_H2_SETTINGS: ReadonlySet<number> = new Set([0x00, 0x02, 0x03, 0x04, 0x05]);
/** Settings whose value must be 0 or 1. */
const BOOLEAN_SETTINGS: ReadonlySet<number> = new Set([
  SETTING.ENABLE_CONNECT_PROTOCOL,
  SETTING.H3_DATAGRAM,
  SETTING.ENABLE_WEBTRANSPORT,
]);

/** The settings this server sends: WebTransport draft-02 with HTTP Datagrams and extended CONNECT. */
export const SERVER_SETTINGS: readonly [number, number][] = [
  [SETTING.QPACK_MAX_TABLE_CAPACITY, 0],
  [SETTING.QPACK_BLOCKED_STREAMS, 0],
  [SETTING.MAX_FIELD_SECTION_SIZE, 16 * 1024],
  [SETTING.ENABLE_CONNECT_PROTOCOL, 1],
  [SETTING.H3_DATAGRAM, 1],
  [SETTING.ENABLE_WEBTRANSPORT, 1],
];

export function encodeFrame(type: number, payload: Uint8Array): Uint8Array {
  return new ByteWriter().varint(type).varint(payload.length).bytes(payload).finish();
}

export function encodeSettings(settings: readonly [number, number][]): Uint8Array {
  const payload = new ByteWriter();
  for (const [id, value] of settings) payload.varint(id).varint(value);
  return encodeFrame(FRAME.SETTINGS, payload.finish());
}

/**
 * Parses a SETTINGS payload (RFC 9114 §7.2.4): identifier/value pairs. A duplicate identifier, a
 * reserved HTTP/2 identifier, a non-boolean value for a boolean setting, or a payload that ends inside
 * a pair is H3_SETTINGS_ERROR / H3_FRAME_ERROR. Unknown identifiers (GREASE among them) are ignored.
 */
export function decodeSettings(payload: Uint8Array): Map<number, number> {
  const settings = new Map<number, number>();
  let at = 0;
  while (at < payload.length) {
    const id = readVarint(payload, at);
    const value = id && readVarint(payload, at + id.length);
    if (!id || !value)
      throw new H3ConnectionError(H3_ERROR.FRAME_ERROR, 'SETTINGS payload ends inside a setting');
    at += id.length + value.length;
    if (RESERVED_H2_SETTINGS.has(id.value)) {
      throw new H3ConnectionError(
        H3_ERROR.SETTINGS_ERROR,
        `reserved HTTP/2 setting 0x${id.value.toString(16)}`,
      );
    }
    if (settings.has(id.value)) {
      throw new H3ConnectionError(H3_ERROR.SETTINGS_ERROR, `setting 0x${id.value.toString(16)} sent twice`);
    }
    if (BOOLEAN_SETTINGS.has(id.value) && value.value > 1) {
      throw new H3ConnectionError(
        H3_ERROR.SETTINGS_ERROR,
        `setting 0x${id.value.toString(16)} must be 0 or 1`,
      );
    }
    settings.set(id.value, value.value);
  }
  return settings;
}

export interface Frame {
  type: number;
  payload: Uint8Array;
}

/**
 * Bytes of one stream, consumed from the front. Reads return null when the bytes are not all there
 * yet; the caller waits for more.
 */
export class StreamBuffer {
  private data = new Uint8Array(0);
  private at = 0;

  push(chunk: Uint8Array): void {
    const rest = this.data.subarray(this.at);
    const joined = new Uint8Array(rest.length + chunk.length);
    joined.set(rest);
    joined.set(chunk, rest.length);
    this.data = joined;
    this.at = 0;
  }

  get available(): number {
    return this.data.length - this.at;
  }

  peekVarint(): { value: number; length: number } | null {
    return readVarint(this.data, this.at);
  }

  varint(): number | null {
    const v = this.peekVarint();
    if (!v) return null;
    this.at += v.length;
    return v.value;
  }

  /** Everything left, consumed. */
  takeAll(): Uint8Array {
    const out = this.data.slice(this.at);
    this.at = this.data.length;
    return out;
  }

  /**
   * The next whole frame (RFC 9114 §7.1: type, length, payload), or null if it has not all arrived.
   * A frame longer than `maxPayload` is refused before its payload is buffered: H3_EXCESSIVE_LOAD.
   */
  frame(maxPayload: number): Frame | null {
    const type = readVarint(this.data, this.at);
    const length = type && readVarint(this.data, this.at + type.length);
    if (!type || !length) return null;
    if (length.value > maxPayload) {
      throw new H3ConnectionError(
        H3_ERROR.EXCESSIVE_LOAD,
        `frame 0x${type.value.toString(16)} of ${length.value} bytes is over the ${maxPayload}-byte limit`,
      );
    }
    const start = this.at + type.length + length.length;
    if (start + length.value > this.data.length) return null;
    this.at = start + length.value;
    return { type: type.value, payload: this.data.slice(start, this.at) };
  }
}
