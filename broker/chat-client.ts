import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { CHAT_CLOSE, type ServerFrame } from '../lib/events/chat-frames';
import { encodeTextFrame } from './chat-frame';
import type { Role } from '../lib/server/auth/roles';
import type { ChatUser } from '../lib/server/chat/store';

/** What a connection needs from its hub: counting frames out and cutting slow consumers. */
export interface ClientHost {
  readonly limits: { maxBufferedBytes: number; strikeLimit: number; strikeWindowMs: number };
  /** `n` sockets were written `frame` (an encoded text frame). */
  countOut(n: number, frame: Buffer): void;
  slowConsumer(client: ChatClient): void;
  forget(client: ChatClient): void;
}

/**
 * One open chat socket: who is behind it, its liveness and presence, and its bounded send path.
 * Every write goes through `write`, which cuts the connection once the socket's send buffer passes
 * its bound, so a client that stops reading costs a reconnect, never unbounded server memory.
 */
export class ChatClient {
  /** Cleared by each ping sweep, set again by the pong (ws README, "How to detect and close broken connections"). */
  alive = true;
  status: 'online' | 'away' = 'online';
  lastTypingAt = 0;
  closed = false;
  /** When the unanswered ping was sent (performance.now()), for the round trip; null when none is out. */
  pingSentAt: number | null = null;
  private strikes: number[] = [];
  private pausedUntil = 0;

  constructor(
    readonly ws: WebSocket,
    /** The raw TCP socket under `ws`: broadcast frames are written to it, and it is paused to slow a flood. */
    private readonly socket: Duplex,
    readonly user: ChatUser & { role: Role },
    private readonly host: ClientHost,
  ) {}

  send(frame: ServerFrame): void {
    const data = encodeTextFrame(Buffer.from(JSON.stringify(frame)));
    if (this.write(data)) this.host.countOut(1, data);
  }

  /**
   * Writes an encoded text frame (see chat-frame.ts; broadcasts encode once for every socket); false
   * when the socket is closing or was just cut. The caller counts what went out, once per broadcast.
   *
   * Writing beside `ws` is safe here: per-message compression is off, so ws's own sender never holds
   * frames back (it writes at once, in call order, like this), and nothing is written once the
   * closing handshake has started (RFC 6455 §5.5.1: no data frames after a Close).
   */
  write(frame: Buffer): boolean {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    this.socket.write(frame);
    if (this.ws.bufferedAmount > this.host.limits.maxBufferedBytes) {
      this.host.slowConsumer(this);
      return false;
    }
    return true;
  }

  /**
   * Answers a bad frame with an error frame and keeps the connection, until `strikeLimit` bad frames
   * within `strikeWindowMs`: then closes with 1008 (policy violation, RFC 6455 §7.4.1).
   */
  refuse(code: 'invalid-json' | 'invalid-frame', reason: string): void {
    const now = Date.now();
    const { strikeLimit, strikeWindowMs } = this.host.limits;
    this.strikes = this.strikes.filter((at) => now - at < strikeWindowMs);
    this.strikes.push(now);
    this.send({ type: 'error', code, reason });
    if (this.strikes.length >= strikeLimit) this.close(CHAT_CLOSE.policy, 'Too many invalid frames');
  }

  /** Stops reading from this socket for a while: a flooding sender is slowed by TCP itself. */
  slowDown(ms: number): void {
    const now = Date.now();
    if (this.closed || this.pausedUntil > now) return;
    this.pausedUntil = now + ms;
    this.socket.pause();
    setTimeout(() => {
      this.pausedUntil = 0;
      if (!this.closed) this.socket.resume();
    }, ms).unref();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.host.forget(this);
    this.ws.close(code, reason);
    // A peer that does not answer the close handshake is not waited for (ws would wait 30 s).
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }
}
