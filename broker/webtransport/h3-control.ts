/**
 * The peer's unidirectional streams (RFC 9114 §6.2): its control stream with SETTINGS first
 * (§6.2.1, §7.2.4), its QPACK encoder and decoder streams (RFC 9204 §4.2), and the rules that make a
 * missing, repeated or closed critical stream a connection error.
 */
import { H3_ERROR, H3ConnectionError } from './h3-errors';
import { FRAME, RESERVED_H2_FRAMES, SETTING, StreamBuffer, decodeSettings } from './h3-frames';

/** Largest frame accepted on the control stream. */
const MAX_CONTROL_FRAME = 16 * 1024;

export class PeerControl {
  settings: Map<number, number> | null = null;
  goawayId: number | null = null;
  private readonly buffer = new StreamBuffer();

  /** True when the peer said it speaks WebTransport draft-02 with HTTP Datagrams and extended CONNECT. */
  get webTransportReady(): boolean {
    const s = this.settings;
    return (
      s !== null &&
      s.get(SETTING.ENABLE_WEBTRANSPORT) === 1 &&
      s.get(SETTING.H3_DATAGRAM) === 1 &&
      // A client need not send ENABLE_CONNECT_PROTOCOL (only servers enable it); it must not refuse it.
      s.get(SETTING.ENABLE_CONNECT_PROTOCOL) !== 0
    );
  }

  /** Bytes of the control stream after its type byte. */
  receive(data: Uint8Array, fin: boolean): void {
    this.buffer.push(data);
    for (
      let frame = this.buffer.frame(MAX_CONTROL_FRAME);
      frame;
      frame = this.buffer.frame(MAX_CONTROL_FRAME)
    ) {
      this.handle(frame.type, frame.payload);
    }
    // §6.2.1: the control stream lives as long as the connection.
    if (fin) throw new H3ConnectionError(H3_ERROR.CLOSED_CRITICAL_STREAM, 'peer closed its control stream');
  }

  private handle(type: number, payload: Uint8Array): void {
    if (this.settings === null && type !== FRAME.SETTINGS) {
      throw new H3ConnectionError(
        H3_ERROR.MISSING_SETTINGS,
        'first frame on the control stream is not SETTINGS',
      );
    }
    switch (type) {
      case FRAME.SETTINGS:
        if (this.settings !== null)
          throw new H3ConnectionError(H3_ERROR.FRAME_UNEXPECTED, 'second SETTINGS frame');
        this.settings = decodeSettings(payload);
        return;
      case FRAME.GOAWAY: {
        const id = new StreamBuffer();
        id.push(payload);
        const value = id.varint();
        if (value === null || id.available !== 0)
          throw new H3ConnectionError(H3_ERROR.FRAME_ERROR, 'malformed GOAWAY');
        this.goawayId = value;
        return;
      }
      case FRAME.MAX_PUSH_ID:
      case FRAME.CANCEL_PUSH:
        return; // this server never pushes
      case FRAME.DATA:
      case FRAME.HEADERS:
      case FRAME.PUSH_PROMISE:
        throw new H3ConnectionError(
          H3_ERROR.FRAME_UNEXPECTED,
          `frame 0x${type.toString(16)} on the control stream`,
        );
      default:
        // §7.2.8: HTTP/2 frame types with no HTTP/3 meaning; other unknown types are ignored (§9).
        if (RESERVED_H2_FRAMES.has(type)) {
          throw new H3ConnectionError(
            H3_ERROR.FRAME_UNEXPECTED,
            `reserved frame type 0x${type.toString(16)}`,
          );
        }
    }
  }
}

/**
 * The peer's QPACK encoder stream (RFC 9204 §4.3). We allow no dynamic table, so the only instruction
 * it may carry is Set Dynamic Table Capacity to 0 (§4.3.1: 001 + 5-bit capacity = 0x20); an insert or a
 * larger capacity is QPACK_ENCODER_STREAM_ERROR. Closing it is H3_CLOSED_CRITICAL_STREAM (§4.2).
 */
export function checkEncoderStream(data: Uint8Array, fin: boolean): void {
  for (const byte of data) {
    if (byte !== 0x20) {
      throw new H3ConnectionError(
        H3_ERROR.QPACK_ENCODER_STREAM_ERROR,
        'encoder instruction needs a dynamic table',
      );
    }
  }
  if (fin)
    throw new H3ConnectionError(H3_ERROR.CLOSED_CRITICAL_STREAM, 'peer closed its QPACK encoder stream');
}

/** The peer's QPACK decoder stream: acknowledgements we need nothing from, read and dropped (§4.4). */
export function checkDecoderStream(fin: boolean): void {
  if (fin)
    throw new H3ConnectionError(H3_ERROR.CLOSED_CRITICAL_STREAM, 'peer closed its QPACK decoder stream');
}
