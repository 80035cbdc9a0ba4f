/**
 * The browser's picture of deploys, kept up to date by the live events. Pure: every function takes
 * the current time where it needs one and returns new objects, so React state and tests use it alike.
 *
 * The rules mirror the server's (lib/server/deploys/ingest.ts), so replays and races end in the
 * same state as the store:
 * - a finished deploy stays finished: later starts and progress are ignored;
 * - progress older than what is shown (a replay after a fresh snapshot) is ignored;
 * - an event for a deploy the browser has not seen yet makes a partial row, which the caller fills
 *   in from `GET /api/deploys/:id`.
 */
import type { DeployRow } from '@/lib/server/deploys/store';
import type { AnyLiveEvent, LiveEvent } from '../live-event';

export type DeployEvent =
  LiveEvent<'deploy-start'> | LiveEvent<'deploy-progress'> | LiveEvent<'deploy-complete'>;

export const DEPLOY_EVENT_TYPES = ['deploy-start', 'deploy-progress', 'deploy-complete'] as const;

/** A deploy row plus what the browser knows about how it arrived. */
export interface LiveDeploy extends DeployRow {
  /** Came in live after the view loaded: highlighted once. */
  arrived?: boolean;
  /** Made from an event alone; some fields (environment, version…) are still unknown. */
  partial?: boolean;
  /** Client clock when a live completion was applied, so a finished deploy lingers a moment. */
  endedLiveAt?: number;
}

export interface DeployListState {
  byId: Readonly<Record<string, LiveDeploy>>;
}

const FINAL = new Set<string>(['success', 'failure', 'cancelled']);
const RUNNING = new Set<string>(['queued', 'running']);

/** Most deploys the browser keeps; the oldest finished successes go first. */
export const MAX_KEPT = 500;
/** Finished deploys older than this are dropped (failures are kept as long: the banner needs them). */
export const KEEP_FINISHED_MS = 7 * 24 * 3600 * 1000;

export function isFinal(status: string): boolean {
  return FINAL.has(status);
}

export function isRunning(status: string): boolean {
  return RUNNING.has(status);
}

export function isDeployEvent(event: LiveEvent | AnyLiveEvent): event is DeployEvent {
  return event.stream === 'deploys';
}

export function emptyDeployList(): DeployListState {
  return { byId: {} };
}

/** The state from rows the server sent (page render, snapshot, API). Later duplicates win if newer. */
export function deployListFrom(rows: readonly DeployRow[]): DeployListState {
  return mergeRows(emptyDeployList(), rows).state;
}

/**
 * Merges rows from the server. A row replaces what is known when it is at least as new, or when the
 * known one was partial; a finished row always replaces a running one (the server's word is final).
 * With `clientNow`, a deploy shown running that the server says has ended lingers like a live
 * completion (it ended while the stream was down).
 */
export function mergeRows(
  state: DeployListState,
  rows: readonly DeployRow[],
  clientNow?: number,
): { state: DeployListState; changed: boolean } {
  let byId: Record<string, LiveDeploy> | null = null;
  for (const row of rows) {
    const known = (byId ?? state.byId)[row.id];
    if (known && !known.partial) {
      const newer = row.updatedAt >= known.updatedAt || (isFinal(row.status) && !isFinal(known.status));
      if (!newer || (isFinal(known.status) && !isFinal(row.status))) continue;
    }
    byId ??= { ...state.byId };
    byId[row.id] = { ...row, ...(known?.arrived ? { arrived: true } : {}), ...ended(known, row, clientNow) };
  }
  return byId ? { state: { byId }, changed: true } : { state, changed: false };
}

function ended(
  known: LiveDeploy | undefined,
  row: DeployRow,
  clientNow?: number,
): Pick<LiveDeploy, 'endedLiveAt'> {
  if (!isFinal(row.status) || !known) return {};
  if (known.endedLiveAt !== undefined) return { endedLiveAt: known.endedLiveAt };
  return clientNow !== undefined && isRunning(known.status) ? { endedLiveAt: clientNow } : {};
}

/**
 * Applies one live event to one row. Returns the new row, or null when the event changes nothing.
 * `clientNow` only marks when a completion was seen (for the linger); times in rows are the server's.
 */
export function applyToRow(
  known: LiveDeploy | undefined,
  event: DeployEvent,
  clientNow: number,
): LiveDeploy | null {
  if (known && isFinal(known.status)) return null;
  const at = event.ts;
  switch (event.type) {
    case 'deploy-start': {
      const d = event.data;
      if (known) {
        // A repeated start (redelivery, replay) only fills in what was missing.
        return {
          ...known,
          environment: known.partial ? d.environment : known.environment,
          version: known.version ?? d.version ?? null,
          commitSha: known.commitSha ?? d.commit ?? null,
          triggeredBy: known.triggeredBy ?? d.triggeredBy ?? null,
          url: known.url ?? d.url ?? null,
          source: d.source ?? known.source,
          partial: undefined,
        };
      }
      return {
        id: d.deployId,
        source: d.source ?? 'generic',
        service: d.service,
        environment: d.environment,
        version: d.version ?? null,
        commitSha: d.commit ?? null,
        triggeredBy: d.triggeredBy ?? null,
        url: d.url ?? null,
        status: 'running',
        currentStep: null,
        percent: 0,
        message: d.message ?? null,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
        arrived: true,
      };
    }
    case 'deploy-progress': {
      const d = event.data;
      if (known && at < known.updatedAt) return null;
      const base = known ?? partialRow(d.deployId, d.service, at);
      return {
        ...base,
        status: d.status && !isFinal(d.status) ? d.status : 'running',
        currentStep: d.step,
        percent: d.percent,
        message: d.message ?? base.message,
        updatedAt: at,
      };
    }
    case 'deploy-complete': {
      const d = event.data;
      const base = known ?? partialRow(d.deployId, d.service, at - (d.durationMs ?? 0));
      return {
        ...base,
        status: d.status,
        percent: d.status === 'success' ? 100 : base.percent,
        url: d.url ?? base.url,
        message: d.message ?? base.message,
        finishedAt: d.durationMs !== undefined ? base.startedAt + d.durationMs : at,
        updatedAt: at,
        endedLiveAt: clientNow,
      };
    }
  }
}

function partialRow(id: string, service: string, startedAt: number): LiveDeploy {
  return {
    id,
    source: 'generic',
    service,
    environment: '',
    version: null,
    commitSha: null,
    triggeredBy: null,
    url: null,
    status: 'running',
    currentStep: null,
    percent: 0,
    message: null,
    startedAt,
    updatedAt: startedAt,
    finishedAt: null,
    arrived: true,
    partial: true,
  };
}

/** Applies a live event to the whole list, then keeps the list bounded. */
export function applyDeployEvent(
  state: DeployListState,
  event: DeployEvent,
  clientNow: number,
): DeployListState {
  const next = applyToRow(state.byId[event.data.deployId], event, clientNow);
  if (!next) return state;
  return prune({ byId: { ...state.byId, [next.id]: next } }, event.ts);
}

/**
 * Keeps the list bounded: running deploys always stay; finished ones older than a week go; past
 * MAX_KEPT the oldest non-failures go first.
 */
export function prune(state: DeployListState, serverNow: number, max = MAX_KEPT): DeployListState {
  const all = Object.values(state.byId);
  const expired = (d: LiveDeploy) => d.finishedAt !== null && d.finishedAt < serverNow - KEEP_FINISHED_MS;
  if (all.length <= max && !all.some(expired)) return state;
  const kept = all.filter((d) => !expired(d));
  if (kept.length > max) {
    // Drop order: successes and cancellations first (oldest first), then failures; never running ones.
    const rank = (d: LiveDeploy) => (isRunning(d.status) ? 2 : d.status === 'failure' ? 1 : 0);
    kept.sort((a, b) => rank(b) - rank(a) || b.startedAt - a.startedAt);
    kept.length = max;
  }
  return { byId: Object.fromEntries(kept.map((d) => [d.id, d])) };
}

/**
 * Merges a `hello` snapshot (sent on every connect). Returns the ids the browser shows as running
 * but the server no longer lists as running: they ended while the stream was down, and the caller
 * fetches them unless a replayed completion arrives first.
 */
export function mergeSnapshot(
  state: DeployListState,
  snapshot: { running: readonly DeployRow[]; recent: readonly DeployRow[] },
  clientNow?: number,
): { state: DeployListState; ended: string[] } {
  const merged = mergeRows(state, [...snapshot.recent, ...snapshot.running], clientNow).state;
  const runningNow = new Set(snapshot.running.map((d) => d.id));
  const ended = Object.values(merged.byId)
    .filter((d) => isRunning(d.status) && !runningNow.has(d.id) && !d.partial)
    .map((d) => d.id);
  return { state: merged, ended };
}

/** Ids of rows made from events alone, which need their details from the API. */
export function partialIds(state: DeployListState): string[] {
  return Object.values(state.byId)
    .filter((d) => d.partial)
    .map((d) => d.id);
}
