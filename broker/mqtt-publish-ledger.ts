import { mqttPublishBytes } from '../lib/server/transport-stats/framing';
import { transportLedger } from '../lib/server/transport-stats/ledger';

/** A PUBLISH as the parser made it, stamped when the broker got it (`authorizePublish` in mqtt-broker.ts). */
export type Stamped = { receivedAt?: number };

/**
 * Counts PUBLISH packets on the wire for the Transports page: sizes from the packet's fields (one
 * topic length per packet, however many subscribers it goes to) and the broker's delivery time.
 */
export class PublishLedger {
  private readonly ledger = transportLedger('mqtt');
  private last: object | null = null;
  private lastSize = { total: 0, framing: 0 };

  private size(packet: { topic: string; payload: unknown; qos: number }): { total: number; framing: number } {
    if (packet !== this.last) {
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload.length : 0;
      this.lastSize = mqttPublishBytes(Buffer.byteLength(packet.topic), payload, packet.qos);
      this.last = packet;
    }
    return this.lastSize;
  }

  counted(packet: { topic: string; payload: unknown; qos: number }): void {
    const { total, framing } = this.size(packet);
    this.ledger.frames(1, total, framing);
  }

  /** A client's PUBLISH went through the broker: received → handed to every subscriber's socket. */
  published(packet: { topic: string; payload: unknown; qos: number } & Stamped): void {
    this.counted(packet);
    if (packet.receivedAt !== undefined)
      this.ledger.delivery.record(performance.now() - packet.receivedAt, Date.now());
  }
}
