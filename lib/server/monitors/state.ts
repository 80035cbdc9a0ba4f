/**
 * A monitor's status as a pure function of its last status and one check result: what Uptime Kuma
 * users expect, with the retries counted exactly as configured.
 *
 * - A passing check: `up` (an open incident resolves).
 * - A failing check: the monitor retries (`pending`, checked again after the retry interval) until
 *   `retries` failures in a row have been retried; the next failure makes it `down` and opens an
 *   incident. With `retries: 2`, the third failure in a row is the one that says down.
 * - During a maintenance window: `maintenance`, whatever the check says; no incident, no alert.
 */
import type { MonitorStatus } from './types';

export interface MonitorState {
  status: MonitorStatus;
  /** When the current status began (epoch ms). */
  since: number;
  /** Failed checks in a row. */
  failures: number;
}

export interface Transition {
  state: MonitorState;
  /** The status differs from before: publish it and notify. */
  changed: boolean;
  /** Check again after the retry interval rather than at the next slot. */
  retrying: boolean;
  incident: 'open' | 'resolve' | null;
}

export function applyCheck(
  previous: MonitorState,
  check: { ok: boolean },
  options: { retries: number; inMaintenance: boolean; now: number },
): Transition {
  const { retries, inMaintenance, now } = options;
  const failures = check.ok ? 0 : previous.failures + 1;
  let status: MonitorStatus;
  if (inMaintenance) status = 'maintenance';
  else if (check.ok) status = 'up';
  else if (failures > retries || previous.status === 'down') status = 'down';
  else status = 'pending';

  const changed = status !== previous.status;
  let incident: Transition['incident'] = null;
  if (changed && status === 'down') incident = 'open';
  // From maintenance too: an incident open when the window began ends when the target is back.
  else if (changed && status === 'up' && (previous.status === 'down' || previous.status === 'maintenance')) incident = 'resolve';
  return {
    state: { status, since: changed ? now : previous.since, failures },
    changed,
    retrying: !check.ok && status === 'pending',
    incident,
  };
}
