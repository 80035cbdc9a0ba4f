import 'server-only';
import {
  DEFAULT_RATE_HZ,
  METRICS_ERROR,
  ALL_METRICS_MASK,
  FRAME_KIND,
  decodeClientFrame,
  encodeConfig,
  encodeError,
  encodePong,
  encodeSample,
} from '../../events/metrics-frames';

/**
 * One transport's side of a live metrics session. The WebSocket fallback sends everything as
 * messages; a WebTransport session sends samples and pongs as datagrams and the rest on streams.
 */
export interface MetricsPeer {
  /** The lossy path (samples, pongs). Returns false when the frame was dropped instead of queued. */
  sendLossy(frame: Uint8Array): boolean;
  /** The reliable path (hello, config, error). */
  sendReliable(frame: Uint8Array): void;
  /** Ends the session because the client broke the protocol. */
  closeForPolicy(reason: string): void;
}

/** What a subscriber needs from its hub. */
export interface SubscriberHost {
  rateChanged(subscriber: MetricsSubscriber, previousRate: number): void;
  readonly limits: { strikeLimit: number; strikeWindowMs: number };
}

export interface SubscriberStats {
  sent: number;
  dropped: number;
  invalid: number;
}

/**
 * A client's subscription: its rate and metric set, its sequence numbers, and its handling of the
 * frames the client sends. The sequence number grows for every sample made for this client, sent or
 * dropped, so the client's loss figure counts samples shed under back-pressure too.
 */
export class MetricsSubscriber {
  rate = DEFAULT_RATE_HZ;
  mask = ALL_METRICS_MASK;
  readonly stats: SubscriberStats = { sent: 0, dropped: 0, invalid: 0 };
  private seq = 0;
  private strikes: number[] = [];
  private closed = false;

  constructor(
    readonly peer: MetricsPeer,
    private readonly host: SubscriberHost,
  ) {}

  /** Encodes and sends one sample. */
  deliver(time: number, values: ArrayLike<number>): void {
    if (this.closed) return;
    const frame = encodeSample(this.seq, time, this.mask, values);
    this.seq = (this.seq + 1) >>> 0;
    if (this.peer.sendLossy(frame)) this.stats.sent++;
    else this.stats.dropped++;
  }

  /** Handles one frame from the client: a ping is answered at once, a configure is applied and confirmed. */
  receive(bytes: Uint8Array, now = Date.now()): void {
    if (this.closed) return;
    const decoded = decodeClientFrame(bytes);
    if (!decoded.ok) {
      const code =
        bytes[0] === FRAME_KIND.configure ? METRICS_ERROR.badConfigure : METRICS_ERROR.invalidFrame;
      this.refuse(decoded.error, now, code);
      return;
    }
    const frame = decoded.frame;
    if (frame.type === 'ping') {
      this.peer.sendLossy(encodePong(frame.id, frame.sentAt, now));
      return;
    }
    const previous = this.rate;
    this.rate = frame.rate;
    this.mask = frame.mask;
    this.peer.sendReliable(encodeConfig(this.rate, this.mask));
    if (previous !== this.rate) this.host.rateChanged(this, previous);
  }

  /**
   * Tells the client what was wrong and keeps the session, until `strikeLimit` bad frames within the
   * window: then the session ends (a client that keeps sending garbage is broken or hostile).
   */
  refuse(reason: string, now = Date.now(), code: number = METRICS_ERROR.invalidFrame): void {
    this.stats.invalid++;
    const { strikeLimit, strikeWindowMs } = this.host.limits;
    this.strikes = this.strikes.filter((at) => now - at < strikeWindowMs);
    this.strikes.push(now);
    if (this.strikes.length >= strikeLimit) {
      this.peer.sendReliable(
        encodeError(METRICS_ERROR.tooManyInvalid, `Too many invalid frames (${reason})`),
      );
      this.close();
      this.peer.closeForPolicy('Too many invalid frames');
      return;
    }
    this.peer.sendReliable(encodeError(code, reason));
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
