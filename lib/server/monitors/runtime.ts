import 'server-only';
import type { CheckResult } from './types';
import type { MonitorEngine } from './engine';

/**
 * The running engine, shared by the server bundle (which starts it) and the route-handler bundle
 * (which tells it about changes): a process-wide slot on globalThis, like the bus and the store.
 */
const KEY = Symbol.for('signalboard.monitor-engine');
const CONTROL_KEY = Symbol.for('signalboard.monitor-control');
type Holder = { [KEY]?: MonitorEngine | null; [CONTROL_KEY]?: MonitorControl | null };

/**
 * What the API tells the scheduler: the engine itself with one instance; with several on Redis, a
 * control that applies it to the engine when this instance holds the monitors lease and always sends
 * it to the others, whose holder applies it.
 */
export interface MonitorControl {
  upsert(id: number): void;
  remove(id: number): void;
  /** False when the beat is not for a scheduled push monitor (known only where the engine runs). */
  recordBeat(id: number, result: CheckResult): boolean;
  maintenanceChanged(): void;
  channelsChanged(): void;
}

/** The engine running in this process (null on an instance that does not hold the lease). */
export function getMonitorEngine(): MonitorEngine | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export function setMonitorEngine(engine: MonitorEngine | null): void {
  (globalThis as Holder)[KEY] = engine;
}

/**
 * Where changes go: with several instances the cluster's control (it applies them here when this
 * instance runs the engine and sends them to the others), else this process's engine, else nowhere.
 */
export function getMonitorControl(): MonitorControl | null {
  const holder = globalThis as Holder;
  return holder[CONTROL_KEY] ?? holder[KEY] ?? null;
}

export function setMonitorForwarder(control: MonitorControl | null): void {
  (globalThis as Holder)[CONTROL_KEY] = control;
}
