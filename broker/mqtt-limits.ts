import { MAX_TOPIC_LENGTH } from '../lib/events/mqtt-topics';

/** Per-client limits of the broker. A client past one is disconnected and logged; others are unaffected. */
export interface MqttLimits {
  /** Largest packet accepted (remaining length, bytes). MQTT allows 256 MiB; a sensor needs little. */
  maxPacketBytes: number;
  /** Longest topic name or filter, in characters. */
  maxTopicLength: number;
  /** Subscriptions one client may hold at once. */
  maxSubscriptions: number;
  /** Sustained messages per second for a device without its own `rateLimit`. */
  ratePerSecond: number;
  /** Seconds of that rate a client may send at once (a device flushing a short backlog). */
  burstSeconds: number;
  /** Failed logins per address per minute before further attempts are refused without a check. */
  authFailuresPerMinute: number;
}

export const DEFAULT_LIMITS: MqttLimits = {
  maxPacketBytes: 64 * 1024,
  maxTopicLength: MAX_TOPIC_LENGTH,
  maxSubscriptions: 50,
  ratePerSecond: 100,
  burstSeconds: 10,
  authFailuresPerMinute: 20,
};

/** A token bucket for one client: `capacity` messages at once, refilled at `perSecond`. */
export class MessageBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    readonly capacity: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Takes one token; false when the client is over its rate. */
  take(now = Date.now()): boolean {
    if (now !== this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
      this.at = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The bits of mqtt-packet's parser the guard reads: the announced length of the packet being read. */
interface ParserLike {
  parse(buf: Buffer): number;
  packet?: { length: number };
}

/**
 * Bounds what a parser may buffer. mqtt-packet reads the remaining length first and then waits for
 * that many bytes, so a client announcing 256 MiB would make the broker hold them all; this checks
 * the announced length after each chunk and calls `onTooLarge` (which closes the connection) as soon
 * as it passes `maxBytes`, before the body arrives.
 */
export function guardParser(
  parser: ParserLike,
  maxBytes: number,
  onTooLarge: (announced: number) => void,
): void {
  const parse = parser.parse.bind(parser);
  let tripped = false;
  parser.parse = (buf: Buffer) => {
    if (tripped) return 0;
    const buffered = parse(buf);
    const announced = parser.packet?.length ?? -1;
    if (announced > maxBytes || buffered > maxBytes + 5) {
      tripped = true;
      onTooLarge(Math.max(announced, buffered));
    }
    return buffered;
  };
}
