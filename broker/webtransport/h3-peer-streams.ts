/**
 * Dispatch of the peer's unidirectional streams by their type (RFC 9114 §6.2): one control stream,
 * one QPACK encoder and one decoder stream (RFC 9204 §4.2), WebTransport streams (type 0x54 then the
 * session id, draft-ietf-webtrans-http3-02 §4.1), and nothing else: a push stream from a client is
 * H3_STREAM_CREATION_ERROR, unknown types (GREASE among them) are not read.
 */
import { PeerControl, checkDecoderStream, checkEncoderStream } from './h3-control';
import { H3_ERROR, H3ConnectionError } from './h3-errors';
import { STREAM_TYPE, StreamBuffer } from './h3-frames';
import { readVarint } from './varint';

type Kind = 'control' | 'qpack-encoder' | 'qpack-decoder';
type UniStream =
  { kind: 'pending'; buffer: StreamBuffer } | { kind: Kind | 'ignored' } | { kind: 'wt'; sessionId: number };

export interface UniStreamSink {
  webTransport(streamId: number, sessionId: number, data: Uint8Array, fin: boolean): void;
  /** Stop reading a stream of an unknown type (RFC 9114 §6.2: H3_STREAM_CREATION_ERROR). */
  ignore(streamId: number, code: number): void;
}

const KINDS: Record<number, Kind> = {
  [STREAM_TYPE.CONTROL]: 'control',
  [STREAM_TYPE.QPACK_ENCODER]: 'qpack-encoder',
  [STREAM_TYPE.QPACK_DECODER]: 'qpack-decoder',
};

export class PeerUniStreams {
  readonly control = new PeerControl();
  private readonly streams = new Map<number, UniStream>();
  private readonly seen = new Set<Kind>();

  constructor(private readonly sink: UniStreamSink) {}

  /** Bytes (and the end) of one peer unidirectional stream; throws H3ConnectionError on a violation. */
  receive(id: number, data: Uint8Array, fin: boolean): void {
    let stream = this.streams.get(id) ?? { kind: 'pending' as const, buffer: new StreamBuffer() };
    this.streams.set(id, stream);
    if (stream.kind === 'pending') {
      stream.buffer.push(data);
      const head = stream.buffer.takeAll();
      const type = readVarint(head);
      const sessionId = type?.value === STREAM_TYPE.WEBTRANSPORT ? readVarint(head, type.length) : undefined;
      if (!type || sessionId === null) {
        stream.buffer.push(head); // the header has not all arrived
        return;
      }
      data = head.subarray(type.length + (sessionId?.length ?? 0));
      stream = sessionId ? { kind: 'wt', sessionId: sessionId.value } : { kind: this.kindOf(type.value) };
      this.streams.set(id, stream);
      if (stream.kind === 'ignored') return this.sink.ignore(id, H3_ERROR.STREAM_CREATION_ERROR);
    }
    switch (stream.kind) {
      case 'control':
        return this.control.receive(data, fin);
      case 'qpack-encoder':
        return checkEncoderStream(data, fin);
      case 'qpack-decoder':
        return checkDecoderStream(fin);
      case 'wt':
        return this.sink.webTransport(id, stream.sessionId, data, fin);
    }
  }

  private kindOf(type: number): Kind | 'ignored' {
    if (type === STREAM_TYPE.PUSH) {
      throw new H3ConnectionError(H3_ERROR.STREAM_CREATION_ERROR, 'push stream from a client');
    }
    const kind = KINDS[type];
    if (!kind) return 'ignored';
    if (this.seen.has(kind))
      throw new H3ConnectionError(H3_ERROR.STREAM_CREATION_ERROR, `second ${kind} stream`);
    this.seen.add(kind);
    return kind;
  }
}
