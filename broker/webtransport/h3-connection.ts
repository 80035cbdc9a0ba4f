/**
 * HTTP/3 over one QUIC connection, as much as WebTransport needs (RFC 9114, RFC 9204, RFC 9297,
 * draft-ietf-webtrans-http3-02): our control stream with SETTINGS, the peer's unidirectional streams,
 * requests (extended CONNECT opens a session, anything else gets a status), WebTransport streams and
 * HTTP/3 datagrams routed to their session. Protocol violations become the error codes the specs name;
 * nothing the peer sends can throw out of `process`.
 */
import type { Connection } from '@matrixai/quic/native/types.js';
import { H3_ERROR, H3ConnectionError, H3StreamError } from './h3-errors';
import {
  FRAME,
  RESERVED_H2_FRAMES,
  SERVER_SETTINGS,
  STREAM_TYPE,
  StreamBuffer,
  encodeSettings,
} from './h3-frames';
import { dataFrame, parseRequest, responseHeaders } from './h3-request';
import { decodeFieldSection } from './qpack/field-section';
import { PeerUniStreams } from './h3-peer-streams';
import { StreamWriter, readStream, resetStream, shutdownRead } from './quic-io';
import { ByteWriter, encodeVarint, readVarint } from './varint';
import { WtSession, type SessionIo } from './wt-session';

/** Largest HEADERS frame accepted (the SETTINGS_MAX_FIELD_SECTION_SIZE we advertise). */
const MAX_HEADERS = 16 * 1024;
/** draft-ietf-webtrans-http3 (later drafts): a stream for a session that does not exist. */
const WEBTRANSPORT_BUFFERED_STREAM_REJECTED = 0x3994bd84;

export type SessionDecision =
  { ok: true; start: (session: WtSession) => void } | { ok: false; status: number; reason: string };

/** What the listener decides for the connection: whether a CONNECT may open a session. */
export interface ConnectionHost {
  openSession(request: {
    path: string;
    query: URLSearchParams;
    origin: string | null;
    address: string;
  }): SessionDecision;
  flushSoon(connection: H3Connection): void;
  /** A protocol error worth a log line (never the peer's data verbatim). */
  report(message: string): void;
}

type Inbound =
  | { kind: 'pending'; buffer: StreamBuffer }
  | { kind: 'request'; buffer: StreamBuffer; done: boolean; sessionId: number | null }
  | { kind: 'ignored' }
  | { kind: 'wt'; sessionId: number; bidirectional: boolean };

export class H3Connection implements SessionIo {
  readonly sessions = new Map<number, WtSession>();
  private readonly inbound = new Map<number, Inbound>();
  private readonly writers = new Set<StreamWriter>();
  private readonly peerStreams = new PeerUniStreams({
    webTransport: (id, sessionId, data, fin) => this.wtStream(id, sessionId, data, fin, false),
    ignore: (id, code) => shutdownRead(this.quic, id, code),
  });
  private nextUniStreamId = 3;
  private started = false;
  private closed = false;

  constructor(
    readonly quic: Connection,
    readonly remoteAddress: string,
    private readonly host: ConnectionHost,
    private readonly maxSessions = 4,
  ) {}

  /** Handles whatever the last received packets made readable. Never throws. */
  process(): void {
    if (this.closed) return;
    try {
      if (!this.started && (this.quic.isEstablished() || this.quic.isInEarlyData())) this.start();
      if (!this.started) return;
      for (const id of this.quic.readable()) this.readable(id);
      this.datagrams();
    } catch (error) {
      this.fail(error);
    }
    this.drain();
  }

  /** Retries writes that flow control held back. */
  drain(): void {
    for (const writer of this.writers) {
      writer.drain();
      if (writer.closed) this.writers.delete(writer);
    }
  }

  /** Ends every session and the connection with H3_NO_ERROR (server shutdown). */
  shutdown(): void {
    for (const session of [...this.sessions.values()]) session.close();
    this.closeConnection(H3_ERROR.NO_ERROR, 'server shutting down');
  }

  /** The QUIC connection is gone: tell the sessions. */
  dispose(): void {
    this.closed = true;
    for (const session of this.sessions.values()) session.ended();
    this.sessions.clear();
  }

  // SessionIo -------------------------------------------------------------------------------------

  sendDatagram(sessionId: number, payload: Uint8Array): boolean {
    // RFC 9297 §2.1: the Quarter Stream ID, then the payload, in one QUIC DATAGRAM frame.
    const datagram = new ByteWriter()
      .varint(sessionId / 4)
      .bytes(payload)
      .finish();
    const max = this.quic.dgramMaxWritableLen();
    if (max === null || datagram.length > max || this.quic.isDgramSendQueueFull()) return false;
    try {
      this.quic.dgramSend(datagram);
    } catch {
      return false;
    }
    this.host.flushSoon(this);
    return true;
  }

  openUniStream(sessionId: number): StreamWriter | null {
    if (this.quic.peerStreamsLeftUni() < 1) return null;
    const writer = this.writer(this.nextUniStream());
    // draft-ietf-webtrans-http3-02 §4.1: stream type 0x54, then the session id.
    writer.write(new ByteWriter().varint(STREAM_TYPE.WEBTRANSPORT).varint(sessionId).finish());
    return writer;
  }

  refuseStream(streamId: number, code: number): void {
    this.inbound.set(streamId, { kind: 'ignored' });
    resetStream(this.quic, streamId, code);
  }

  closeSession(sessionId: number): void {
    if (!this.sessions.delete(sessionId)) return;
    // Draft-02 §4.5 (session termination): closing the CONNECT stream ends the session.
    this.writer(sessionId).end();
    this.host.flushSoon(this);
  }

  // Streams -----------------------------------------------------------------------------------------

  private start(): void {
    this.started = true;
    // RFC 9114 §6.2.1: each side opens one control stream whose first frame is SETTINGS.
    const control = this.writer(this.nextUniStream());
    control.write(new Uint8Array([...encodeVarint(STREAM_TYPE.CONTROL), ...encodeSettings(SERVER_SETTINGS)]));
  }

  private readable(id: number): void {
    const { data, fin, resetCode } = readStream(this.quic, id);
    const clientInitiated = id % 2 === 0;
    if (!clientInitiated) return; // we open no bidirectional streams; our unidirectional ones are write-only
    const bidirectional = id % 4 === 0;
    try {
      if (bidirectional) this.bidi(id, data, fin, resetCode);
      else this.peerStreams.receive(id, data, fin || resetCode !== undefined);
    } catch (error) {
      if (!(error instanceof H3StreamError)) throw error;
      this.host.report(`stream ${id}: ${error.message}`);
      this.refuseStream(id, error.code);
    }
  }

  private bidi(id: number, data: Uint8Array, fin: boolean, resetCode: number | undefined): void {
    let stream = this.inbound.get(id) ?? { kind: 'pending' as const, buffer: new StreamBuffer() };
    this.inbound.set(id, stream);
    if (stream.kind === 'ignored') return;
    if (stream.kind === 'pending') {
      stream.buffer.push(data);
      data = new Uint8Array(0);
      const first = stream.buffer.peekVarint();
      if (!first) {
        if (fin) this.inbound.delete(id);
        return;
      }
      if (first.value === FRAME.WEBTRANSPORT_STREAM) {
        // draft-02 §4.2: signal 0x41, then the session id, then the stream's data.
        const head = stream.buffer.takeAll();
        const sessionId = readVarint(head, first.length);
        if (!sessionId) {
          stream.buffer.push(head);
          return;
        }
        stream = { kind: 'wt', sessionId: sessionId.value, bidirectional: true };
        this.inbound.set(id, stream);
        data = head.subarray(first.length + sessionId.length);
      } else {
        stream = { kind: 'request', buffer: stream.buffer, done: false, sessionId: null };
        this.inbound.set(id, stream);
      }
    }
    if (stream.kind === 'wt')
      return this.wtStream(id, stream.sessionId, data, fin || resetCode !== undefined, true);
    if (stream.kind !== 'request') return;
    stream.buffer.push(data);
    if (resetCode !== undefined) return this.requestEnded(id, stream);
    for (let frame = stream.buffer.frame(MAX_HEADERS); frame; frame = stream.buffer.frame(MAX_HEADERS)) {
      if (frame.type === FRAME.HEADERS && !stream.done) {
        stream.done = true;
        this.request(id, stream, frame.payload);
      } else if (!stream.done && frame.type === FRAME.DATA) {
        // RFC 9114 §4.1: DATA before HEADERS is an invalid sequence.
        throw new H3ConnectionError(H3_ERROR.FRAME_UNEXPECTED, 'DATA before HEADERS');
      } else if (
        RESERVED_H2_FRAMES.has(frame.type) ||
        [FRAME.SETTINGS, FRAME.GOAWAY, FRAME.MAX_PUSH_ID, FRAME.CANCEL_PUSH].includes(frame.type as never)
      ) {
        throw new H3ConnectionError(
          H3_ERROR.FRAME_UNEXPECTED,
          `frame 0x${frame.type.toString(16)} on a request stream`,
        );
      }
      // After the request: DATA on an open CONNECT stream carries capsules this server has no use for.
    }
    if (fin) {
      if (!stream.done)
        throw new H3StreamError(H3_ERROR.REQUEST_INCOMPLETE, 'request ended before its HEADERS');
      this.requestEnded(id, stream);
    }
  }

  private requestEnded(id: number, stream: Extract<Inbound, { kind: 'request' }>): void {
    this.inbound.delete(id);
    if (stream.sessionId === null) return;
    const session = this.sessions.get(stream.sessionId);
    this.sessions.delete(stream.sessionId);
    session?.ended();
    this.writer(id).end();
  }

  private request(id: number, stream: Extract<Inbound, { kind: 'request' }>, payload: Uint8Array): void {
    const parsed = parseRequest(decodeFieldSection(payload));
    if (!parsed.ok) throw new H3StreamError(H3_ERROR.MESSAGE_ERROR, parsed.reason);
    const { request } = parsed;
    const refuse = (status: number, reason: string) => {
      this.writer(id).write(new Uint8Array([...responseHeaders(status), ...dataFrame(reason)]), true);
      shutdownRead(this.quic, id, H3_ERROR.NO_ERROR);
    };
    if (request.method !== 'CONNECT') return refuse(request.path === '/metrics' ? 405 : 404, 'Not found');
    if (request.protocol !== 'webtransport') return refuse(501, 'Only WebTransport is served here');
    if (!this.peerStreams.control.webTransportReady)
      return refuse(400, 'SETTINGS lack WebTransport draft-02 and HTTP datagrams');
    if (this.sessions.size >= this.maxSessions) return refuse(429, 'Too many sessions on this connection');
    const url = new URL(request.path!, 'https://webtransport.invalid');
    const decision = this.host.openSession({
      path: url.pathname,
      query: url.searchParams,
      origin: request.headers.get('origin') ?? null,
      address: this.remoteAddress,
    });
    if (!decision.ok) return refuse(decision.status, decision.reason);
    const session = new WtSession(id, this.remoteAddress, this);
    this.sessions.set(id, session);
    stream.sessionId = id;
    // Chromium checks this header when it negotiated draft-02.
    this.writer(id).write(responseHeaders(200, [['sec-webtransport-http3-draft', 'draft02']]));
    decision.start(session);
  }

  private wtStream(
    id: number,
    sessionId: number,
    data: Uint8Array,
    fin: boolean,
    bidirectional: boolean,
  ): void {
    const session = this.sessions.get(sessionId);
    if (!session) return this.refuseStream(id, WEBTRANSPORT_BUFFERED_STREAM_REJECTED);
    session.receiveStream(id, data, fin, bidirectional);
  }

  // Datagrams -------------------------------------------------------------------------------------

  private datagrams(): void {
    for (let datagram = this.quic.dgramRecvVec(); datagram !== null; datagram = this.quic.dgramRecvVec()) {
      // RFC 9297 §2.1: a datagram that does not start with a whole Quarter Stream ID is malformed.
      const quarter = readVarint(datagram);
      if (!quarter)
        throw new H3ConnectionError(H3_ERROR.DATAGRAM_ERROR, 'datagram without a Quarter Stream ID');
      // A datagram for a stream that is not an open session is dropped silently (§2.1).
      this.sessions.get(quarter.value * 4)?.receiveDatagram(datagram.subarray(quarter.length));
    }
  }

  // Plumbing --------------------------------------------------------------------------------------

  private nextUniStream(): number {
    const id = this.nextUniStreamId;
    this.nextUniStreamId += 4;
    return id;
  }

  private writer(streamId: number): StreamWriter {
    for (const w of this.writers) if (w.streamId === streamId) return w;
    const writer = new StreamWriter(this.quic, streamId, 256 * 1024, () => this.host.flushSoon(this));
    this.writers.add(writer);
    return writer;
  }

  private fail(error: unknown): void {
    if (error instanceof H3ConnectionError) {
      this.host.report(`connection error 0x${error.code.toString(16)}: ${error.message}`);
      this.closeConnection(error.code, error.message);
    } else {
      this.host.report(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      this.closeConnection(H3_ERROR.INTERNAL_ERROR, 'internal error');
    }
  }

  private closeConnection(code: number, reason: string): void {
    try {
      this.quic.close(true, code, new TextEncoder().encode(reason.slice(0, 100)));
    } catch {
      // already closing
    }
    this.host.flushSoon(this);
  }
}
