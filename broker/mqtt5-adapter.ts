import { Duplex } from 'node:stream';
import mqtt, { type Packet } from 'mqtt-packet';
import { guardParser } from './mqtt-limits';
import { REASON, V5Session, fromClient, toClient } from './mqtt5-translate';

const V5 = { protocolVersion: 5 };
const V4 = { protocolVersion: 4 };

/**
 * Lets an MQTT 5 client talk to aedes 1.x, which speaks 3.1 and 3.1.1. This is the stream aedes
 * reads and writes: packets from the client are parsed as MQTT 5 and re-encoded as 3.1.1, and what
 * aedes writes is parsed and re-encoded as MQTT 5 (reason codes, CONNACK properties, an assigned
 * client id). Properties that 3.1.1 cannot carry (user properties, message expiry, content type) are
 * dropped. Only MQTT 5 connections pay for this; 3.1.1 clients reach aedes directly.
 */
export class V5Adapter extends Duplex {
  readonly session: V5Session;
  private readonly clientParser = mqtt.parser();
  private readonly brokerParser = mqtt.parser(V4);
  private pendingWrite: (() => void) | null = null;

  constructor(
    private readonly socket: Duplex,
    maxPacketBytes: number,
    onTooLarge: (announced: number) => void,
  ) {
    super();
    this.session = new V5Session(maxPacketBytes);
    guardParser(this.clientParser, maxPacketBytes, (announced) => {
      this.session.disconnectReason = REASON.packetTooLarge;
      onTooLarge(announced);
    });
    this.clientParser.on('packet', (packet: Packet) => this.handleClientPacket(packet));
    this.clientParser.on('error', () => this.closeWith(REASON.protocolError));
    this.brokerParser.on('packet', (packet: Packet) => this.handleBrokerPacket(packet));
    this.brokerParser.on('error', (error: Error) => this.destroy(error));

    socket.on('data', (chunk: Buffer) => this.clientParser.parse(chunk));
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (error: Error) => this.destroy(error));
    socket.on('drain', () => {
      const resume = this.pendingWrite;
      this.pendingWrite = null;
      resume?.();
    });
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.brokerParser.parse(chunk);
    if (this.socket.writableNeedDrain) this.pendingWrite = () => callback();
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const reason = this.session.disconnectReason;
    if (reason !== null && this.socket.writable) {
      // A server-sent DISCONNECT tells an MQTT 5 client why [MQTT-3.14.2]; then the socket goes.
      this.socket.end(mqtt.generate({ cmd: 'disconnect', reasonCode: reason }, V5));
      setTimeout(() => this.socket.destroy(), 1_000).unref();
    } else {
      this.socket.destroy();
    }
    callback(error);
  }

  /** Makes the next close send a DISCONNECT with this reason (the policy calls this before refusing). */
  setDisconnectReason(reason: number): void {
    this.session.disconnectReason = reason;
  }

  /** Marks a publish as refused: its PUBACK or PUBREC will say "not authorized". */
  refuse(messageId: number | undefined): void {
    if (messageId !== undefined) this.session.refused.add(messageId);
  }

  private handleClientPacket(packet: Packet): void {
    const result = fromClient(packet, this.session);
    if (result.toClient) this.socket.write(mqtt.generate(result.toClient, V5));
    if (result.toBroker && !this.push(mqtt.generate(result.toBroker, V4))) this.socket.pause();
    if (result.close) {
      if (result.close.reason === null) this.socket.destroy();
      else this.closeWith(result.close.reason);
    }
  }

  private handleBrokerPacket(packet: Packet): void {
    const result = toClient(packet, this.session);
    if (result.toClient) this.socket.write(mqtt.generate(result.toClient, V5));
    if (result.toBroker) this.push(mqtt.generate(result.toBroker, V4));
  }

  private closeWith(reason: number): void {
    this.session.disconnectReason = reason;
    this.destroy();
  }
}
