/**
 * The classic comparison of the four transports: what each protocol is, independent of traffic. The
 * Transports page puts Signalboard's measured figures beside these. Isomorphic, plain data.
 */
import type { TransportId } from './report';

export interface TransportFacts {
  name: string;
  direction: string;
  transport: string;
  binary: string;
  reconnect: string;
  multiplexing: string;
  unreliable: string;
  /** What the protocol adds per message, in principle (the page also shows what it measured). */
  overhead: string;
  bestUse: string;
  /** What it carries in Signalboard. */
  here: string;
  /** Whether the protocol itself times a round trip the server can see. */
  roundTrip: 'measured' | 'none' | 'not-timed';
  /** Whether the server can time a message from arrival or publish to its last write. */
  delivery: 'measured' | 'none';
}

export const TRANSPORT_FACTS: Record<TransportId, TransportFacts> = {
  ws: {
    name: 'WebSocket',
    direction: 'Both ways, full duplex',
    transport: 'TCP, upgraded from HTTP/1.1 (RFC 6455)',
    binary: 'Yes: binary and text frames',
    reconnect: 'None built in: the app reconnects (chat resumes from its last message id)',
    multiplexing: 'No: one connection per socket (RFC 8441 runs sockets over HTTP/2 streams)',
    unreliable: 'No: ordered and reliable (TCP)',
    overhead: '2–10 B frame header; browser frames +4 B mask',
    bestUse: 'Interactive two-way traffic: chat, collaboration, commands',
    here: 'Chat at /ws/chat; the live metrics fallback at /ws/metrics',
    roundTrip: 'measured',
    delivery: 'measured',
  },
  sse: {
    name: 'Server-Sent Events',
    direction: 'Server → browser only; the browser sends with ordinary requests',
    transport: 'One long HTTP response (HTTP/1.1, /2 or /3)',
    binary: 'No: UTF-8 text (binary needs base64)',
    reconnect: 'Built in: EventSource reconnects and sends Last-Event-ID',
    multiplexing: 'Over HTTP/2 streams share one connection; HTTP/1.1 allows ~6 per origin',
    unreliable: 'No: ordered and reliable (TCP or QUIC streams)',
    overhead: 'Field names per event (id:, event:, data:) and a blank line; HTTP/1.1 chunk headers',
    bestUse: 'Server push to browsers: feeds, notifications, dashboards',
    here: 'Every dashboard stream at /api/events: deploys, logs, monitors, sensors, chat, metrics',
    roundTrip: 'none',
    delivery: 'measured',
  },
  webtransport: {
    name: 'WebTransport',
    direction: 'Both ways: streams either way, and datagrams',
    transport: 'HTTP/3 over QUIC (UDP)',
    binary: 'Yes: binary only',
    reconnect: 'None built in: the app opens a new session',
    multiplexing: 'Yes: many streams in one session, no head-of-line blocking between them',
    unreliable: 'Yes: datagrams (RFC 9297) may be lost and are never resent',
    overhead: 'QUIC packet header, DATAGRAM frame and 16 B AEAD tag per packet; always encrypted',
    bestUse: 'High-rate data where fresh beats complete: live samples, games, media',
    here: 'Live metrics samples as datagrams on UDP WT_PORT (4433); hello and commands on streams',
    roundTrip: 'measured',
    delivery: 'none',
  },
  mqtt: {
    name: 'MQTT',
    direction: 'Both ways, publish/subscribe through a broker',
    transport: 'TCP, TLS or WebSocket',
    binary: 'Yes: the payload is bytes',
    reconnect: 'Client libraries reconnect; persistent sessions keep QoS 1/2 messages queued',
    multiplexing: 'By topic: one connection carries any number of subscriptions',
    unreliable: 'QoS 0 is fire-and-forget (still TCP underneath); QoS 1/2 are acknowledged',
    overhead: '2–5 B fixed header and the topic name per PUBLISH; +2 B id and a 4 B PUBACK at QoS 1',
    bestUse: 'Devices and sensors on constrained links; fan-out by topic',
    here: 'Sensor readings from devices (MQTT_PORT 1883, /mqtt) and the browser topic explorer',
    roundTrip: 'not-timed',
    delivery: 'measured',
  },
};
