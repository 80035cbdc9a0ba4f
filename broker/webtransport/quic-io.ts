/**
 * Thin typed helpers over quiche's stream calls (as exposed by @matrixai/quic's native binding), which
 * signal "nothing to do now" by returning null and stream resets by throwing `StreamReset(code)`.
 */
import type { Connection } from '@matrixai/quic/native/types.js';

const READ_CHUNK = 16 * 1024;
const scratch = new Uint8Array(READ_CHUNK);

export interface StreamRead {
  data: Uint8Array;
  fin: boolean;
  /** Set when the peer reset the stream (RESET_STREAM), with its error code. */
  resetCode?: number;
}

/** Reads what a stream has now; at most `max` bytes (the rest stays in quiche for the next round). */
export function readStream(quic: Connection, streamId: number, max = 256 * 1024): StreamRead {
  const parts: Uint8Array[] = [];
  let size = 0;
  let fin = false;
  while (size < max) {
    let result: [number, boolean] | null;
    try {
      result = quic.streamRecv(streamId, scratch);
    } catch (error) {
      const reset = /StreamReset\((\d+)\)/.exec((error as Error).message);
      if (reset) return { data: concat(parts, size), fin: true, resetCode: Number(reset[1]) };
      // Done / InvalidStreamState: nothing more to read on this stream now.
      break;
    }
    if (result === null) break;
    const [length, finished] = result;
    parts.push(scratch.slice(0, length));
    size += length;
    if (finished) {
      fin = true;
      break;
    }
    if (length === 0) break;
  }
  return { data: concat(parts, size), fin };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Writes to one stream in order, keeping what flow control does not let through yet. Bounded: past
 * `maxPending` bytes waiting the peer is not reading, and `write` returns false.
 */
export class StreamWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private finPending = false;
  closed = false;

  constructor(
    private readonly quic: Connection,
    readonly streamId: number,
    private readonly maxPending = 256 * 1024,
    /** Called after each write, so the connection sends it (writes may come from timers, not packets). */
    private readonly notify: () => void = () => undefined,
  ) {}

  write(data: Uint8Array, fin = false): boolean {
    if (this.closed) return false;
    if (this.pendingBytes + data.length > this.maxPending) return false;
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.finPending ||= fin;
    this.drain();
    this.notify();
    return true;
  }

  end(): void {
    if (this.closed) return;
    this.finPending = true;
    this.drain();
    this.notify();
  }

  get waiting(): number {
    return this.pendingBytes;
  }

  /** Pushes what it can into quiche; called again after each flush until nothing is left. */
  drain(): void {
    while (!this.closed && this.pending.length > 0) {
      const chunk = this.pending[0]!;
      const last = this.pending.length === 1;
      let written: number | null;
      try {
        written = this.quic.streamSend(this.streamId, chunk, last && this.finPending);
      } catch {
        // StreamStopped / InvalidStreamState: the peer is gone from this stream.
        this.closed = true;
        this.pending = [];
        this.pendingBytes = 0;
        return;
      }
      if (written === null) return;
      this.pendingBytes -= written;
      if (written < chunk.length) {
        this.pending[0] = chunk.subarray(written);
        return;
      }
      this.pending.shift();
      if (last && this.finPending) this.closed = true;
    }
    if (!this.closed && this.pending.length === 0 && this.finPending) {
      try {
        this.quic.streamSend(this.streamId, new Uint8Array(0), true);
      } catch {
        // already closed
      }
      this.closed = true;
    }
  }
}

/** Stops reading a stream (STOP_SENDING with `code`); harmless on a finished stream. */
export function shutdownRead(quic: Connection, streamId: number, code: number): void {
  try {
    quic.streamShutdown(streamId, 0 /* Shutdown.Read */, code);
  } catch {
    // already finished
  }
}

/** Aborts a stream both ways (STOP_SENDING, and RESET_STREAM on a bidirectional one). */
export function resetStream(quic: Connection, streamId: number, code: number): void {
  shutdownRead(quic, streamId, code);
  if (streamId % 4 !== 0) return;
  try {
    quic.streamShutdown(streamId, 1 /* Shutdown.Write */, code);
  } catch {
    // already finished
  }
}
