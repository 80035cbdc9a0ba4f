/**
 * A small HTTP/3 + WebTransport client for tests, on the same quiche binding as the server: it can
 * speak the protocol properly (SETTINGS, extended CONNECT, datagrams, WebTransport streams) and, on
 * purpose, badly (garbage datagrams, frames out of order, wrong settings) to check how the listener
 * answers.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import quiche from '@matrixai/quic/native/quiche.js';
import type { Connection } from '@matrixai/quic/native/types.js';
import {
  FRAME,
  SETTING,
  STREAM_TYPE,
  StreamBuffer,
  encodeFrame,
  encodeSettings,
} from '../../../broker/webtransport/h3-frames';
import {
  decodeFieldSection,
  encodeFieldSection,
  type FieldLine,
} from '../../../broker/webtransport/qpack/field-section';
import { ByteWriter, encodeVarint, readVarint } from '../../../broker/webtransport/varint';

export const CLIENT_SETTINGS: [number, number][] = [
  [SETTING.H3_DATAGRAM, 1],
  [SETTING.ENABLE_WEBTRANSPORT, 1],
];

export class H3TestClient {
  readonly datagrams: Uint8Array[] = [];
  /** Bytes received per stream, and whether each has finished. */
  readonly streams = new Map<number, { data: Uint8Array; fin: boolean }>();
  private timer: NodeJS.Timeout | null = null;
  private nextBidi = 0;
  private nextUni = 2;
  private readonly scratch = new Uint8Array(65_536);

  private constructor(
    private readonly socket: dgram.Socket,
    readonly quic: Connection,
    private readonly server: { host: string; port: number },
  ) {
    socket.on('message', (msg, rinfo) => {
      try {
        quic.recv(msg, { from: { host: rinfo.address, port: rinfo.port }, to: this.local() });
      } catch {
        // quiche records the error; the test reads peerError/localError
      }
      this.collect();
      this.flush();
    });
  }

  /** Connects and completes the handshake; `settings` null sends no control stream at all. */
  static async connect(
    port: number,
    settings: [number, number][] | null = CLIENT_SETTINGS,
  ): Promise<H3TestClient> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const config = new quiche.Config();
    config.verifyPeer(false);
    config.setApplicationProtos(['h3']);
    config.setMaxIdleTimeout(10_000);
    config.setInitialMaxData(1 << 20);
    config.setInitialMaxStreamDataBidiLocal(1 << 18);
    config.setInitialMaxStreamDataBidiRemote(1 << 18);
    config.setInitialMaxStreamDataUni(1 << 18);
    config.setInitialMaxStreamsBidi(16);
    config.setInitialMaxStreamsUni(16);
    config.enableDgram(true, 1000, 1000);
    const server = { host: '127.0.0.1', port };
    const local = { host: '127.0.0.1', port: socket.address().port };
    const quic = quiche.Connection.connect(
      '127.0.0.1',
      randomBytes(quiche.MAX_CONN_ID_LEN),
      local,
      server,
      config,
    );
    const client = new H3TestClient(socket, quic, server);
    client.flush();
    await client.until(() => quic.isEstablished() || quic.isClosed(), 5_000, 'handshake');
    if (settings)
      client.uni(new Uint8Array([...encodeVarint(STREAM_TYPE.CONTROL), ...encodeSettings(settings)]));
    return client;
  }

  private local() {
    return { host: '127.0.0.1', port: this.socket.address().port };
  }

  /** Opens a client unidirectional stream with these bytes; returns its id. */
  uni(bytes: Uint8Array, fin = false): number {
    const id = this.nextUni;
    this.nextUni += 4;
    this.write(id, bytes, fin);
    return id;
  }

  /** Opens a client bidirectional stream with these bytes; returns its id. */
  bidi(bytes: Uint8Array, fin = false): number {
    const id = this.nextBidi;
    this.nextBidi += 4;
    this.write(id, bytes, fin);
    return id;
  }

  write(streamId: number, bytes: Uint8Array, fin = false): void {
    this.quic.streamSend(streamId, bytes, fin);
    this.flush();
  }

  /** Sends an extended CONNECT for WebTransport; returns the CONNECT stream id (= session id). */
  connectWebTransport(path: string, extra: FieldLine[] = []): number {
    const fields: FieldLine[] = [
      [':method', 'CONNECT'],
      [':protocol', 'webtransport'],
      [':scheme', 'https'],
      [':authority', `127.0.0.1:${this.server.port}`],
      [':path', path],
      ['origin', 'http://127.0.0.1'],
      ...extra,
    ];
    return this.bidi(encodeFrame(FRAME.HEADERS, encodeFieldSection(fields)));
  }

  /** The response status on a request stream (waits for its HEADERS frame). */
  async status(streamId: number, ms = 5_000): Promise<{ status: number; fields: FieldLine[] }> {
    let fields: FieldLine[] | null = null;
    await this.until(
      () => {
        const buffer = new StreamBuffer();
        buffer.push(this.streams.get(streamId)?.data ?? new Uint8Array(0));
        const frame = buffer.frame(1 << 16);
        if (frame?.type === FRAME.HEADERS) fields = decodeFieldSection(frame.payload);
        return fields !== null || this.quic.isClosed();
      },
      ms,
      `response on stream ${streamId}`,
    );
    if (!fields) throw new Error(`no response: ${JSON.stringify(this.closeInfo())}`);
    const status = Number((fields as FieldLine[]).find(([n]) => n === ':status')?.[1]);
    return { status, fields };
  }

  /** Sends an HTTP/3 datagram: Quarter Stream ID and payload (RFC 9297 §2.1). */
  sendDatagram(sessionId: number, payload: Uint8Array): void {
    this.sendRawDatagram(
      new ByteWriter()
        .varint(sessionId / 4)
        .bytes(payload)
        .finish(),
    );
  }

  sendRawDatagram(bytes: Uint8Array): void {
    this.quic.dgramSend(bytes);
    this.flush();
  }

  /** Payloads of datagrams received for a session (Quarter Stream ID stripped). */
  datagramsFor(sessionId: number): Uint8Array[] {
    return this.datagrams.flatMap((d) => {
      const q = readVarint(d);
      return q && q.value * 4 === sessionId ? [d.subarray(q.length)] : [];
    });
  }

  /** Server-opened WebTransport streams (type 0x54) of a session: their data after the header. */
  serverStreams(sessionId: number): { id: number; data: Uint8Array; fin: boolean }[] {
    const out = [];
    for (const [id, s] of this.streams) {
      if (id % 4 !== 3) continue;
      const type = readVarint(s.data);
      const sid = type && readVarint(s.data, type.length);
      if (type?.value === STREAM_TYPE.WEBTRANSPORT && sid?.value === sessionId) {
        out.push({ id, data: s.data.subarray(type.length + sid.length), fin: s.fin });
      }
    }
    return out;
  }

  closeInfo(): { peer: number | null; local: number | null; closed: boolean } {
    return {
      peer: this.quic.peerError()?.errorCode ?? null,
      local: this.quic.localError()?.errorCode ?? null,
      closed: this.quic.isClosed() || this.quic.isDraining(),
    };
  }

  async until(check: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    try {
      this.quic.close(true, 0x100, new Uint8Array(0));
      this.flush();
    } catch {
      // already closed
    }
    if (this.timer) clearTimeout(this.timer);
    // Sends are asynchronous: give the CONNECTION_CLOSE a moment to leave before the socket goes.
    setTimeout(() => this.socket.close(), 50).unref();
  }

  private collect(): void {
    for (const id of this.quic.readable()) {
      for (;;) {
        let result: [number, boolean] | null;
        try {
          result = this.quic.streamRecv(id, this.scratch);
        } catch {
          break;
        }
        if (!result) break;
        const prev = this.streams.get(id) ?? { data: new Uint8Array(0), fin: false };
        const data = new Uint8Array(prev.data.length + result[0]);
        data.set(prev.data);
        data.set(this.scratch.subarray(0, result[0]), prev.data.length);
        this.streams.set(id, { data, fin: result[1] });
        if (result[1] || result[0] === 0) break;
      }
    }
    for (let d = this.quic.dgramRecvVec(); d; d = this.quic.dgramRecvVec()) this.datagrams.push(d);
  }

  private flush(): void {
    for (;;) {
      const out = Buffer.allocUnsafe(1500);
      let result;
      try {
        result = this.quic.send(out);
      } catch {
        break;
      }
      if (!result) break;
      this.socket.send(out, 0, result[0], result[1].to.port, result[1].to.host);
    }
    if (this.timer) clearTimeout(this.timer);
    const timeout = this.quic.timeout();
    if (timeout !== null) {
      this.timer = setTimeout(() => {
        this.quic.onTimeout();
        this.flush();
      }, timeout + 1);
    }
  }
}
