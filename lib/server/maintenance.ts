import 'server-only';
import { pruneSessions } from './auth/sessions';
import { getBus } from './bus';
import type { Service } from './services';
import { getDb } from './store';

/** Durable events are kept this long for replay; older resume points get a `reset`. */
export const EVENT_RETENTION_MS = 7 * 24 * 3600 * 1000;
const EVERY_MS = 3600 * 1000;

let timer: NodeJS.Timeout | undefined;

function runOnce(): void {
  try {
    const events = getBus().prune(EVENT_RETENTION_MS);
    const sessions = pruneSessions(getDb());
    if (events || sessions) console.log(`[maintenance] pruned ${events} events, ${sessions} sessions`);
  } catch (error) {
    console.error('[maintenance] pruning failed:', error);
  }
}

/** Retention of the event log and expired sessions, hourly. */
export const maintenanceService: Service = {
  name: 'maintenance',
  start() {
    runOnce();
    timer = setInterval(runOnce, EVERY_MS);
    timer.unref();
  },
  stop() {
    clearInterval(timer);
  },
};
