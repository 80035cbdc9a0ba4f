/** Error codes used by the HTTP/3 and WebTransport layers, with the section that defines each. */

/** RFC 9114 §8.1: HTTP/3 error codes (connection and stream errors). */
export const H3_ERROR = {
  NO_ERROR: 0x100,
  GENERAL_PROTOCOL_ERROR: 0x101,
  INTERNAL_ERROR: 0x102,
  STREAM_CREATION_ERROR: 0x103,
  CLOSED_CRITICAL_STREAM: 0x104,
  FRAME_UNEXPECTED: 0x105,
  FRAME_ERROR: 0x106,
  EXCESSIVE_LOAD: 0x107,
  ID_ERROR: 0x108,
  SETTINGS_ERROR: 0x109,
  MISSING_SETTINGS: 0x10a,
  REQUEST_REJECTED: 0x10b,
  REQUEST_CANCELLED: 0x10c,
  REQUEST_INCOMPLETE: 0x10d,
  MESSAGE_ERROR: 0x10e,
  CONNECT_ERROR: 0x10f,
  VERSION_FALLBACK: 0x110,
  /** RFC 9204 §6: QPACK. */
  QPACK_DECOMPRESSION_FAILED: 0x200,
  QPACK_ENCODER_STREAM_ERROR: 0x201,
  QPACK_DECODER_STREAM_ERROR: 0x202,
  /** RFC 9297 §5.2: a malformed HTTP/3 Datagram. */
  DATAGRAM_ERROR: 0x33,
} as const;

/**
 * WebTransport over HTTP/3 (draft-ietf-webtrans-http3, "WebTransport Error Codes"): a session-level
 * application error code n travels on the HTTP/3 wire as 0x52e4a40fa8db + n + floor(n / 0x1e), which
 * skips the reserved (GREASE) code points.
 */
export const WT_APPLICATION_ERROR_FIRST = 0x52e4a40fa8db;

export function webTransportCode(n: number): number {
  return WT_APPLICATION_ERROR_FIRST + n + Math.floor(n / 0x1e);
}

/** Codes this server gives a WebTransport stream or session it ends (application space). */
export const WT_CLOSE = {
  /** The session ended normally (shutdown). */
  done: 0,
  /** The client broke the live metrics protocol too often. */
  policy: 1,
  /** The stream carried something no session asked for. */
  unexpectedStream: 2,
} as const;

/** An HTTP/3 connection error: the whole QUIC connection is closed with this code (RFC 9114 §8). */
export class H3ConnectionError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'H3ConnectionError';
  }
}

/** An HTTP/3 stream error: only the stream is reset with this code (RFC 9114 §8). */
export class H3StreamError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'H3StreamError';
  }
}
