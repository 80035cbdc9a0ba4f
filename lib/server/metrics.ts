import 'server-only';
import client from 'prom-client';
import { processWide } from './process-wide';

export const TRANSPORTS = ['sse', 'ws', 'mqtt', 'webtransport'] as const;
export type Transport = (typeof TRANSPORTS)[number];

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const connections = new client.Gauge({
    name: 'signalboard_connections',
    help: 'Connections open now, by transport.',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const messages = new client.Counter({
    name: 'signalboard_messages_total',
    help: 'Messages carried, by transport and direction.',
    labelNames: ['transport', 'direction'] as const,
    registers: [registry],
  });
  const slowConsumers = new client.Counter({
    name: 'signalboard_slow_consumers_total',
    help: 'Connections closed because their send buffer passed its bound, by transport.',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const webhooks = new client.Counter({
    name: 'signalboard_webhooks_total',
    help: 'Webhook deliveries received, by source and outcome.',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  for (const transport of TRANSPORTS) {
    connections.labels(transport).set(0);
    messages.labels(transport, 'in').inc(0);
    messages.labels(transport, 'out').inc(0);
    slowConsumers.labels(transport).inc(0);
  }
  return { registry, connections, messages, slowConsumers, webhooks };
}

/** The process-wide Prometheus registry and Signalboard's own series. */
export function getMetrics() {
  return processWide('metrics', createMetrics);
}

/** Pre-bound counters for one transport, so hot paths do no label lookups. */
export function transportMetrics(transport: Transport) {
  const m = getMetrics();
  return {
    connections: m.connections.labels(transport),
    in: m.messages.labels(transport, 'in'),
    out: m.messages.labels(transport, 'out'),
    slowConsumers: m.slowConsumers.labels(transport),
  };
}
