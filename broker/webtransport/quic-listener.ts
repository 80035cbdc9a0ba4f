/**
 * The UDP side of the WebTransport listener: one socket, quiche (through @matrixai/quic's native
 * binding) for QUIC and TLS, and an H3Connection per QUIC connection. It accepts new connections on
 * Initial packets (RFC 9000 §7), answers unknown versions with Version Negotiation (§6), limits new
 * connections per address, sends what quiche produces, and runs quiche's timers.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import quiche from '@matrixai/quic/native/quiche.js';
import type { Config, Connection, Host } from '@matrixai/quic/native/types.js';
import { RateLimiter } from '../../lib/server/auth/rate-limit';
import type { ServedCertificate } from '../../lib/server/live-metrics/certificates';
import type { QuicTotals } from '../../lib/server/transport-stats/quic-probe';
import { H3Connection, type ConnectionHost } from './h3-connection';

export interface QuicListenerOptions {
  host: string;
  port: number;
  /** New QUIC connections one address may open per window. */
  connectionsPerWindow: number;
  windowMs: number;
  maxConnections: number;
  idleTimeoutMs: number;
}

export const DEFAULT_QUIC_OPTIONS: Omit<QuicListenerOptions, 'host' | 'port'> = {
  connectionsPerWindow: 30,
  windowMs: 10_000,
  maxConnections: 1_000,
  // Pages ping every second; a tab that vanished without closing is forgotten after this long.
  idleTimeoutMs: 15_000,
};

/** RFC 9000 §14.1: a client's first Initial datagram is at least 1200 bytes (anti-amplification). */
const MIN_INITIAL = 1200;
const SEND_BUFFER = 1500;

interface Driven {
  quic: Connection;
  h3: H3Connection;
  remote: Host;
  keys: string[];
  timer: NodeJS.Timeout | null;
  flushQueued: boolean;
}

export type SessionOpener = ConnectionHost['openSession'];

export class QuicListener {
  readonly options: QuicListenerOptions;
  private socket: dgram.Socket | null = null;
  private config: Config | null = null;
  private readonly connections = new Map<string, Driven>();
  private readonly byH3 = new Map<H3Connection, Driven>();
  private readonly limiter: RateLimiter;
  private local: Host = { host: '0.0.0.0', port: 0 };
  /** Counters for tests and the log: packets that could not be QUIC, connections refused by the limit. */
  readonly stats = { dropped: 0, limited: 0, accepted: 0 };
  /** QUIC counters of the connections already gone (see `quicTotals`). */
  private readonly retired = { sentPackets: 0, lostPackets: 0, sentBytes: 0, recvBytes: 0 };

  constructor(
    private readonly openSession: SessionOpener,
    options: Partial<QuicListenerOptions> & Pick<QuicListenerOptions, 'host' | 'port'>,
  ) {
    this.options = { ...DEFAULT_QUIC_OPTIONS, ...options };
    this.limiter = new RateLimiter(this.options.connectionsPerWindow, this.options.windowMs);
  }

  get size(): number {
    return this.byH3.size;
  }

  /** Uses this certificate for connections accepted from now on (open ones keep theirs). */
  setCertificate(cert: ServedCertificate): void {
    const encoder = new TextEncoder();
    const config = quiche.Config.withBoringSslCtx(
      false,
      false,
      null,
      [encoder.encode(cert.keyPem)],
      [encoder.encode(cert.certPem)],
      null,
    );
    config.setApplicationProtos(['h3']);
    config.setMaxIdleTimeout(this.options.idleTimeoutMs);
    config.setMaxRecvUdpPayloadSize(SEND_BUFFER);
    config.setMaxSendUdpPayloadSize(1350);
    config.setInitialMaxData(1024 * 1024);
    config.setInitialMaxStreamDataBidiLocal(256 * 1024);
    config.setInitialMaxStreamDataBidiRemote(256 * 1024);
    config.setInitialMaxStreamDataUni(256 * 1024);
    config.setInitialMaxStreamsBidi(32);
    config.setInitialMaxStreamsUni(16);
    config.setDisableActiveMigration(true);
    // RFC 9221 DATAGRAM frames, with bounded queues: a full send queue drops samples, never grows.
    config.enableDgram(true, 256, 64);
    this.config = config;
  }

  async listen(): Promise<void> {
    const { host, port } = this.options;
    const ipv6 = host.includes(':') || host === '0.0.0.0';
    // A wildcard host listens on both families, so `localhost` resolving to ::1 works too.
    const bindHost = host === '0.0.0.0' ? '::' : host;
    const socket = dgram.createSocket({ type: ipv6 ? 'udp6' : 'udp4', ipv6Only: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, bindHost, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (error) => console.error('[webtransport] socket error:', error.message));
    socket.on('message', (msg, rinfo) => this.onMessage(msg, { host: rinfo.address, port: rinfo.port }));
    const address = socket.address();
    this.local = { host: address.address, port: address.port };
    this.socket = socket;
  }

  get port(): number {
    return this.local.port;
  }

  /** Closes every connection with H3_NO_ERROR, waits briefly for the packets to leave, then the socket. */
  async close(): Promise<void> {
    for (const driven of [...this.byH3.values()]) {
      driven.h3.shutdown();
      this.flush(driven);
    }
    await new Promise((r) => setTimeout(r, 50));
    for (const driven of [...this.byH3.values()]) this.forget(driven);
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
    this.socket = null;
  }

  private onMessage(msg: Buffer, remote: Host): void {
    let header;
    try {
      header = quiche.Header.fromSlice(msg, quiche.MAX_CONN_ID_LEN);
    } catch {
      this.stats.dropped++; // not QUIC
      return;
    }
    let driven = this.connections.get(Buffer.from(header.dcid).toString('hex'));
    if (!driven) {
      const accepted = this.accept(msg, header, remote);
      if (!accepted) return;
      driven = accepted;
    }
    try {
      driven.quic.recv(msg, { from: remote, to: this.local });
    } catch {
      // quiche closes the connection itself on a fatal error (and says why in its CONNECTION_CLOSE).
    }
    driven.h3.process();
    this.flush(driven);
  }

  private accept(
    msg: Buffer,
    header: ReturnType<typeof quiche.Header.fromSlice>,
    remote: Host,
  ): Driven | null {
    if (header.ty !== quiche.Type.Initial || !this.config || !this.socket) {
      this.stats.dropped++;
      return null;
    }
    if (!quiche.versionIsSupported(header.version)) {
      const out = Buffer.alloc(SEND_BUFFER);
      const length = quiche.negotiateVersion(header.scid, header.dcid, out);
      this.socket.send(out.subarray(0, length), remote.port, remote.host);
      return null;
    }
    if (msg.length < MIN_INITIAL) {
      this.stats.dropped++;
      return null;
    }
    if (this.limiter.hit(remote.host) > 0 || this.byH3.size >= this.options.maxConnections) {
      this.stats.limited++;
      return null;
    }
    const scid = randomBytes(quiche.MAX_CONN_ID_LEN);
    const quic = quiche.Connection.accept(scid, null, this.local, remote, this.config);
    const host: ConnectionHost = {
      openSession: this.openSession,
      flushSoon: (h3) => this.flushSoon(h3),
      report: (message) => console.warn(`[webtransport] ${remote.host}: ${message}`),
    };
    const h3 = new H3Connection(quic, remote.host, host);
    // The client keeps using its original destination id until it learns ours (RFC 9000 §7.2).
    const keys = [scid.toString('hex'), Buffer.from(header.dcid).toString('hex')];
    const driven: Driven = { quic, h3, remote, keys, timer: null, flushQueued: false };
    for (const key of keys) this.connections.set(key, driven);
    this.byH3.set(h3, driven);
    this.stats.accepted++;
    return driven;
  }

  private flushSoon(h3: H3Connection): void {
    const driven = this.byH3.get(h3);
    if (!driven || driven.flushQueued) return;
    driven.flushQueued = true;
    queueMicrotask(() => {
      driven.flushQueued = false;
      this.flush(driven);
    });
  }

  /** Sends every packet quiche has ready, then arms its timer; forgets the connection once closed. */
  private flush(driven: Driven): void {
    const socket = this.socket;
    if (!socket) return;
    driven.h3.drain();
    for (;;) {
      const out = Buffer.allocUnsafe(SEND_BUFFER);
      let result;
      try {
        result = driven.quic.send(out);
      } catch {
        break;
      }
      if (result === null) break;
      const [length, info] = result;
      socket.send(out, 0, length, info.to.port, info.to.host);
    }
    if (driven.quic.isClosed()) return this.forget(driven);
    if (driven.timer) clearTimeout(driven.timer);
    const timeout = driven.quic.timeout();
    driven.timer =
      timeout === null
        ? null
        : setTimeout(() => {
            driven.timer = null;
            driven.quic.onTimeout();
            driven.h3.process();
            this.flush(driven);
          }, timeout + 1);
  }

  /** QUIC packet and byte counters over every connection since start, and the RTT of each open one. */
  quicTotals(): QuicTotals {
    const totals: QuicTotals = { ...this.retired, rttMs: [] };
    for (const driven of this.byH3.values()) {
      addStats(totals, driven.quic);
      try {
        for (const path of driven.quic.pathStats()) if (path.active) totals.rttMs.push(path.rtt);
      } catch {
        // A connection closing under us has no paths left to report.
      }
    }
    return totals;
  }

  private forget(driven: Driven): void {
    addStats(this.retired, driven.quic);
    if (driven.timer) clearTimeout(driven.timer);
    driven.timer = null;
    for (const key of driven.keys) this.connections.delete(key);
    this.byH3.delete(driven.h3);
    driven.h3.dispose();
  }
}

/** Adds a connection's packet and byte counters (quiche `Stats`) to `totals`. */
function addStats(
  totals: Pick<QuicTotals, 'sentPackets' | 'lostPackets' | 'sentBytes' | 'recvBytes'>,
  quic: Connection,
): void {
  try {
    const stats = quic.stats();
    totals.sentPackets += stats.sent;
    totals.lostPackets += stats.lost;
    totals.sentBytes += stats.sentBytes;
    totals.recvBytes += stats.recvBytes;
  } catch {
    // Counters of a connection quiche no longer reports are simply not added.
  }
}
