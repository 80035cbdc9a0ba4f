import { describe, expect, it } from 'vitest';
import { addFetchedRow, applyHistoryEvent, historyFrom, releasePending } from './history-list';
import type { HistoryQuery } from './history-query';
import { complete, progress, row, start } from './test-helpers';

const ALL: HistoryQuery = { limit: 25 };

describe('applyHistoryEvent', () => {
  it('updates a row on the page in place', () => {
    const state = historyFrom([row({ id: 'a', startedAt: 2 }), row({ id: 'b', startedAt: 1 })]);
    const { state: next } = applyHistoryEvent(
      state,
      complete(5_000, { deployId: 'b', status: 'failure' }),
      ALL,
      false,
      0,
    );
    expect(next.rows.map((r) => [r.id, r.status])).toEqual([
      ['a', 'running'],
      ['b', 'failure'],
    ]);
  });

  it('puts a new deploy on top of the first page, or holds it while the reader is on the list', () => {
    const state = historyFrom([row({ id: 'a' })]);
    const shown = applyHistoryEvent(state, start(9_000, { deployId: 'n' }), ALL, false, 0).state;
    expect(shown.rows.map((r) => r.id)).toEqual(['n', 'a']);
    const held = applyHistoryEvent(state, start(9_000, { deployId: 'n' }), ALL, true, 0).state;
    expect(held.rows.map((r) => r.id)).toEqual(['a']);
    expect(held.pending.map((r) => r.id)).toEqual(['n']);
    // A held deploy still follows its events, and shows up when let go.
    const advanced = applyHistoryEvent(
      held,
      progress(9_500, { deployId: 'n', step: 'build', percent: 10 }),
      ALL,
      true,
      0,
    ).state;
    expect(releasePending(advanced, ALL).rows.map((r) => [r.id, r.currentStep])).toEqual([
      ['n', 'build'],
      ['a', null],
    ]);
  });

  it('leaves newcomers out of older pages and of filters they do not match', () => {
    const state = historyFrom([]);
    expect(
      applyHistoryEvent(state, start(1, { deployId: 'n' }), { limit: 25, before: 10 }, false, 0).state,
    ).toBe(state);
    expect(
      applyHistoryEvent(state, start(1, { deployId: 'n' }), { limit: 25, service: 'web' }, false, 0).state,
    ).toBe(state);
    expect(
      applyHistoryEvent(state, start(1, { deployId: 'n' }), { limit: 25, status: 'failure' }, false, 0).state,
    ).toBe(state);
  });

  it('asks for a fetch when an event alone cannot tell whether the deploy matches', () => {
    const state = historyFrom([]);
    const failed = complete(5, { deployId: 'x', status: 'failure' });
    expect(applyHistoryEvent(state, failed, { limit: 25, status: 'failure' }, false, 0).fetch).toBe('x');
    expect(applyHistoryEvent(state, failed, { limit: 25, service: 'web' }, false, 0).fetch).toBeNull();
  });
});

describe('addFetchedRow', () => {
  it('adds a matching row once, and not one that belongs to a later page', () => {
    const query: HistoryQuery = { limit: 1, status: 'failure' };
    const state = historyFrom([row({ id: 'a', status: 'failure', startedAt: 100 })]);
    const fresh = row({ id: 'x', status: 'failure', startedAt: 200 });
    const added = addFetchedRow(state, fresh, query, false);
    expect(added.rows.map((r) => r.id)).toEqual(['x', 'a']);
    expect(addFetchedRow(added, fresh, query, false)).toBe(added);
    expect(addFetchedRow(state, row({ id: 'old', status: 'failure', startedAt: 50 }), query, false)).toBe(
      state,
    );
    expect(addFetchedRow(state, row({ id: 'ok', status: 'success', startedAt: 300 }), query, false)).toBe(
      state,
    );
  });
});
