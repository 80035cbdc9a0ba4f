import 'server-only';
import type { MonitorDefinition } from '../definition';
import type { CheckResult } from '../types';
import { checkDns } from './dns';
import { checkHttp } from './http';
import { checkTcp } from './tcp';

/** What every active checker does: one check, ending by the timeout, abortable. */
export type Checker<D extends MonitorDefinition = MonitorDefinition> = (
  definition: D,
  timeoutMs: number,
  signal?: AbortSignal,
) => Promise<CheckResult>;

/**
 * Runs the check of an active monitor. Push monitors are passive: their beats arrive over HTTP and
 * the engine only notices missing ones (see engine.ts), so they have no checker here.
 *
 * Extension point — MQTT device liveness (telemetry issue): add `type: 'mqtt'` with a `deviceId` to
 * definition.ts (the database already accepts the type) and a checker here that reads the broker's
 * last-seen time and last-will state for the device; everything else (schedule, retries, incidents,
 * notifications, status page) works unchanged.
 */
export function runCheck(definition: MonitorDefinition, timeoutMs: number, signal?: AbortSignal): Promise<CheckResult> {
  switch (definition.type) {
    case 'http':
      return checkHttp(definition, timeoutMs, signal);
    case 'tcp':
      return checkTcp(definition, timeoutMs, signal);
    case 'dns':
      return checkDns(definition, timeoutMs, signal);
    case 'push':
      return Promise.resolve({ ok: true, latencyMs: null, message: 'push' });
  }
}
