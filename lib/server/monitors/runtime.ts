import 'server-only';
import type { MonitorEngine } from './engine';

/**
 * The running engine, shared by the server bundle (which starts it) and the route-handler bundle
 * (which tells it about changes): a process-wide slot on globalThis, like the bus and the store.
 */
const KEY = Symbol.for('signalboard.monitor-engine');
type Holder = { [KEY]?: MonitorEngine | null };

export function getMonitorEngine(): MonitorEngine | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export function setMonitorEngine(engine: MonitorEngine | null): void {
  (globalThis as Holder)[KEY] = engine;
}
