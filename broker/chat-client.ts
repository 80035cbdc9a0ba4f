import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CHAT_CLOSE, type ServerFrame } from '../lib/events/chat-frames';
import type { Role } from '../lib/server/auth/roles';
import type { ChatUser } from '../lib/server/chat/store';

/** What a connection needs from its hub: counting frames out and cutting slow consumers. */
export interface ClientHost {
  readonly limits: { maxBufferedBytes: number; strikeLimit: number; strikeWindowMs: number };
  countOut(n: number): void;
  slowConsumer(client: ChatClient): void;
  forget(client: ChatClient): void;
}

/**
 * One open chat socket: who is behind it, its liveness and presence, and its bounded send path.
 * Every write goes through `sendRaw`, which cuts the connection once `bufferedAmount` passes its
 * bound, so a client that stops reading costs a reconnect, never unbounded server memory.
 */
export class ChatClient {
  /** Cleared by each ping sweep, set again by the pong (ws README, "How to detect and close broken connections"). */
  alive = true;
  status: 'online' | 'away' = 'online';
  lastTypingAt = 0;
  closed = false;
  private strikes: number[] = [];
  private pausedUntil = 0;

  constructor(
    readonly ws: WebSocket,
    /** The raw TCP socket, paused to slow down a sender over its rate limit. */
    private readonly socket: Duplex,
    readonly user: ChatUser & { role: Role },
    private readonly host: ClientHost,
  ) {}

  send(frame: ServerFrame): void {
    if (this.sendRaw(Buffer.from(JSON.stringify(frame)))) this.host.countOut(1);
  }

  /**
   * Sends an already encoded text frame (broadcasts encode once for every socket); false when the
   * socket is closed or was just cut. The caller counts what went out, once per broadcast.
   */
  sendRaw(data: Buffer): boolean {
    if (this.closed) return false;
    this.ws.send(data, { binary: false });
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
