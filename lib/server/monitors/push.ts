import 'server-only';
import type { Db } from '../store';
import { getMonitorControl } from './runtime';
import { getMonitorByPushToken } from './store';
import type { CheckResult } from './types';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export type BeatOutcome =
  | { ok: true; recorded: boolean; monitor: string; status: string }
  | { ok: false; status: 404; error: string };

/**
 * One push beat (`/api/push/<token>?status=up|down&msg=…&ping=…`, as Uptime Kuma's push URLs take
 * them). An unknown token is 404 and records nothing; a paused monitor answers but records nothing.
 */
export function receiveBeat(db: Db, token: string, params: URLSearchParams): BeatOutcome {
  const notFound = { ok: false, status: 404, error: 'No push monitor with this token.' } as const;
  if (!TOKEN.test(token)) return notFound;
  const monitor = getMonitorByPushToken(db, token);
  if (!monitor) return notFound;
  const down = params.get('status') === 'down';
  const message = (params.get('msg') ?? '').slice(0, 500) || (down ? 'Push reported down' : 'Beat received');
  const ping = Number(params.get('ping'));
  const result: CheckResult = {
    ok: !down,
    latencyMs: Number.isFinite(ping) && ping >= 0 && params.has('ping') ? ping : null,
    message,
  };
  const engine = getMonitorControl();
  const recorded = !monitor.paused && engine !== null && engine.recordBeat(monitor.id, result);
  return { ok: true, recorded, monitor: monitor.name, status: monitor.paused ? 'paused' : down ? 'down' : 'up' };
}
