/**
 * One page of deploy history, kept live: rows on the page follow their events in place; deploys
 * that start after the page loaded join the top of the first page — or wait in `pending` while the
 * reader's pointer or focus is on the list, so that nothing moves under them.
 */
import type { DeployRow } from '@/lib/server/deploys/store';
import { applyToRow, type DeployEvent, type LiveDeploy } from './deploy-list';
import { matchesQuery, type HistoryQuery } from './history-query';

export interface HistoryState {
  rows: readonly LiveDeploy[];
  /** New deploys held back while the list is held; shown on release. */
  pending: readonly LiveDeploy[];
}

export function historyFrom(rows: readonly DeployRow[]): HistoryState {
  return { rows, pending: [] };
}

/** Where a deploy not on the page may go: only the first page takes newcomers. */
function takesNewcomers(query: HistoryQuery): boolean {
  return query.before === undefined;
}

/**
 * Applies a live event. Returns the new state and, for a deploy not on the page whose event alone
 * cannot tell whether it matches the filters (environment unknown), its id to fetch.
 */
export function applyHistoryEvent(
  state: HistoryState,
  event: DeployEvent,
  query: HistoryQuery,
  held: boolean,
  clientNow: number,
): { state: HistoryState; fetch: string | null } {
  const id = event.data.deployId;
  const index = state.rows.findIndex((r) => r.id === id);
  if (index >= 0) {
    const next = applyToRow(state.rows[index], event, clientNow);
    if (!next) return { state, fetch: null };
    const rows = [...state.rows];
    rows[index] = next;
    return { state: { ...state, rows }, fetch: null };
  }
  const pendingIndex = state.pending.findIndex((r) => r.id === id);
  if (pendingIndex >= 0) {
    const next = applyToRow(state.pending[pendingIndex], event, clientNow);
    if (!next) return { state, fetch: null };
    const pending = [...state.pending];
    pending[pendingIndex] = next;
    return { state: { ...state, pending }, fetch: null };
  }
  if (!takesNewcomers(query)) return { state, fetch: null };
  const row = applyToRow(undefined, event, clientNow);
  if (!row) return { state, fetch: null };
  if (row.partial) {
    // Progress or completion of a deploy this page never saw start: worth a look only if it can match.
    const couldMatch = !query.service || query.service === row.service;
    return { state, fetch: couldMatch ? id : null };
  }
  if (!matchesQuery(row, query)) return { state, fetch: null };
  return { state: addNewcomer(state, row, query, held), fetch: null };
}

/** Adds a complete row fetched from the API, if it belongs on this page and is not there yet. */
export function addFetchedRow(
  state: HistoryState,
  row: DeployRow,
  query: HistoryQuery,
  held: boolean,
): HistoryState {
  if (state.rows.some((r) => r.id === row.id) || state.pending.some((r) => r.id === row.id)) return state;
  if (!takesNewcomers(query) || !matchesQuery(row, query)) return state;
  // Older than the page's oldest row: it belongs to a later page.
  const oldest = state.rows.at(-1);
  if (oldest && state.rows.length >= query.limit && row.startedAt < oldest.startedAt) return state;
  return addNewcomer(state, { ...row, arrived: true }, query, held);
}

function addNewcomer(state: HistoryState, row: LiveDeploy, query: HistoryQuery, held: boolean): HistoryState {
  if (held) return { ...state, pending: [row, ...state.pending] };
  return { rows: insertNewest(state.rows, [row], query.limit * 2), pending: state.pending };
}

/** Shows what was held back, at the top. */
export function releasePending(state: HistoryState, query: HistoryQuery): HistoryState {
  if (state.pending.length === 0) return state;
  return { rows: insertNewest(state.rows, state.pending, query.limit * 2), pending: [] };
}

/**
 * Newcomers on top, newest first; the page may grow up to `max` rows in a long session before its
 * tail is trimmed (paging with `before` still finds every deploy).
 */
function insertNewest(
  rows: readonly LiveDeploy[],
  newcomers: readonly LiveDeploy[],
  max: number,
): LiveDeploy[] {
  const sorted = [...newcomers].sort((a, b) => b.startedAt - a.startedAt);
  return [...sorted, ...rows].slice(0, max);
}
