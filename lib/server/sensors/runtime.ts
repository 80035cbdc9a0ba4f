import 'server-only';
import { processWide } from '../process-wide';
import type { SensorIngest } from './ingest';

export interface BrokerListener {
  transport: 'tcp' | 'tls' | 'ws';
  /** e.g. `mqtt://:1883`, `mqtts://:8883`, `ws://…/mqtt` (the host is the browser's). */
  address: string;
  port: number | null;
}

export interface BrokerStatus {
  state: 'not-started' | 'starting' | 'up' | 'stopping' | 'down';
  listeners: BrokerListener[];
  /** Clients connected now, devices and browsers. */
  clients: number;
  startedAt: number | null;
  error: string | null;
}

interface SensorsRuntime {
  broker: BrokerStatus;
  ingest: SensorIngest | null;
}

/**
 * What the broker service shares with route handlers and pages, which live in other bundles of the
 * same process (see process-wide.ts): its status and the running ingest (for live device states).
 */
export function sensorsRuntime(): SensorsRuntime {
  return processWide('sensors-runtime', () => ({
    broker: { state: 'not-started', listeners: [], clients: 0, startedAt: null, error: null },
    ingest: null,
  }));
}
