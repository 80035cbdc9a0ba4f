/**
 * One WebTransport session (draft-ietf-webtrans-http3-02): the CONNECT stream that opened it (its id
 * is the session id), the datagrams whose Quarter Stream ID points at it (RFC 9297 §2.1), and the
 * streams either side opened for it (§4.1, §4.2). The application sees it through SessionHandler.
 */
import type { StreamWriter } from './quic-io';

/** What the HTTP/3 connection provides to its sessions. */
export interface SessionIo {
  /** Sends an HTTP/3 datagram for the session; false when it was dropped (too big, queue full). */
  sendDatagram(sessionId: number, payload: Uint8Array): boolean;
  /** Opens a server-initiated unidirectional WebTransport stream (type 0x54, then the session id). */
  openUniStream(sessionId: number): StreamWriter | null;
  /** Stops reading a stream and resets what we would send on it, with an error code. */
  refuseStream(streamId: number, code: number): void;
  /** Ends the session: FIN on the CONNECT stream, and the session forgotten. */
  closeSession(sessionId: number): void;
}

/** The application's side of a session. */
export interface SessionHandler {
  onDatagram(payload: Uint8Array): void;
  /** Data on a stream the client opened for this session (bidirectional or unidirectional). */
  onStream(streamId: number, data: Uint8Array, fin: boolean, bidirectional: boolean): void;
  /** The session is over (either side closed it, or the connection went away). */
  onClose(): void;
}

export class WtSession {
  handler: SessionHandler | null = null;
  private closed = false;
  private readonly writers: StreamWriter[] = [];

  constructor(
    readonly id: number,
    readonly remoteAddress: string,
    private readonly io: SessionIo,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  sendDatagram(payload: Uint8Array): boolean {
    return !this.closed && this.io.sendDatagram(this.id, payload);
  }

  openUniStream(): StreamWriter | null {
    if (this.closed) return null;
    const writer = this.io.openUniStream(this.id);
    if (writer) this.writers.push(writer);
    return writer;
  }

  refuseStream(streamId: number, code: number): void {
    this.io.refuseStream(streamId, code);
  }

  /** Ends the session from the server side. */
  close(): void {
    if (this.closed) return;
    for (const writer of this.writers) writer.end();
    this.io.closeSession(this.id);
    this.ended();
  }

  // Events from the connection ------------------------------------------------------------------

  receiveDatagram(payload: Uint8Array): void {
    if (!this.closed) this.handler?.onDatagram(payload);
  }

  receiveStream(streamId: number, data: Uint8Array, fin: boolean, bidirectional: boolean): void {
    if (!this.closed) this.handler?.onStream(streamId, data, fin, bidirectional);
  }

  /** The client closed or reset the CONNECT stream, or the connection is gone. */
  ended(): void {
    if (this.closed) return;
    this.closed = true;
    this.handler?.onClose();
  }
}
