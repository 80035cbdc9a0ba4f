/**
 * Stream and event names, identical on every transport: the SSE `event:` field, the `type` key of
 * WebSocket/WebTransport frames and the bus channel. Kebab-case; never rename one (clients rely on them).
 */
export const STREAMS = ['deploys', 'logs', 'monitors', 'sensors', 'chat', 'metrics'] as const;
export type StreamName = (typeof STREAMS)[number];

/** Which stream each event type belongs to, and whether it is durable (stored, with an id, replayable). */
export const EVENT_TYPES = {
  'deploy-start': { stream: 'deploys', durable: true },
  'deploy-progress': { stream: 'deploys', durable: true },
  'deploy-complete': { stream: 'deploys', durable: true },
  'log-line': { stream: 'logs', durable: true },
  'monitor-status': { stream: 'monitors', durable: true },
  incident: { stream: 'monitors', durable: true },
  'sensor-reading': { stream: 'sensors', durable: false },
  'device-status': { stream: 'sensors', durable: true },
  'sensor-alert': { stream: 'sensors', durable: true },
  'chat-message': { stream: 'chat', durable: true },
  presence: { stream: 'chat', durable: false },
  'metrics-sample': { stream: 'metrics', durable: false },
} as const satisfies Record<string, { stream: StreamName; durable: boolean }>;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

export function isStreamName(value: string): value is StreamName {
  return (STREAMS as readonly string[]).includes(value);
}

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}

export function streamOf(type: EventType): StreamName {
  return EVENT_TYPES[type].stream;
}

export function isDurable(type: EventType): boolean {
  return EVENT_TYPES[type].durable;
}

/** Events sent by the SSE layer itself, outside any stream. */
export const CONTROL_EVENTS = {
  hello: 'hello',
  /** The client is too far behind for a replay; it should reload its snapshot. */
  reset: 'reset',
  /** The server is shutting down; reconnect right away (the `retry:` hint still applies). */
  shutdown: 'shutdown',
} as const;
