import { describe, expect, it } from 'vitest';
import { applyCheck, type MonitorState } from './state';

const pass = { ok: true };
const fail = { ok: false };

function run(checks: { ok: boolean }[], retries: number, start: MonitorState = { status: 'pending', since: 0, failures: 0 }) {
  let state = start;
  const seen: string[] = [];
  checks.forEach((check, i) => {
    const t = applyCheck(state, check, { retries, inMaintenance: false, now: i + 1 });
    seen.push(`${t.state.status}${t.retrying ? '(retry)' : ''}${t.incident ? `:${t.incident}` : ''}`);
    state = t.state;
  });
  return seen;
}

describe('monitor status transitions', () => {
  it('counts retries exactly as configured before saying down', () => {
    expect(run([pass, fail, fail, fail, fail, pass], 2)).toEqual([
      'up',
      'pending(retry)',
      'pending(retry)',
      'down:open',
      'down',
      'up:resolve',
    ]);
  });

  it('goes down on the first failure with no retries', () => {
    expect(run([pass, fail, pass], 0)).toEqual(['up', 'down:open', 'up:resolve']);
  });

  it('a success while retrying returns to up without an incident', () => {
    expect(run([pass, fail, pass, fail], 1)).toEqual(['up', 'pending(retry)', 'up', 'pending(retry)']);
  });

  it('keeps "since" while the status stays the same', () => {
    const first = applyCheck({ status: 'up', since: 100, failures: 0 }, pass, { retries: 0, inMaintenance: false, now: 200 });
    expect(first).toMatchObject({ changed: false, state: { since: 100 } });
    const down = applyCheck(first.state, fail, { retries: 0, inMaintenance: false, now: 300 });
    expect(down).toMatchObject({ changed: true, state: { status: 'down', since: 300 } });
  });

  it('maintenance hides failures: no incident, no down', () => {
    const up: MonitorState = { status: 'up', since: 0, failures: 0 };
    const m = applyCheck(up, fail, { retries: 0, inMaintenance: true, now: 1 });
    expect(m).toMatchObject({ changed: true, incident: null, retrying: false, state: { status: 'maintenance', failures: 1 } });
    const again = applyCheck(m.state, fail, { retries: 0, inMaintenance: true, now: 2 });
    expect(again).toMatchObject({ changed: false, incident: null });
    // Still failing once the window ends: down at once (the failures were counted).
    const after = applyCheck(again.state, fail, { retries: 1, inMaintenance: false, now: 3 });
    expect(after).toMatchObject({ incident: 'open', state: { status: 'down' } });
  });
});
