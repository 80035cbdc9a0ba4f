'use client';

import Link from 'next/link';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { fetchDeployDetail } from '@/lib/client/deploys/deploy-api';
import { formatDeployDuration, shortCommit } from '@/lib/client/deploys/deploy-format';
import {
  DEPLOY_EVENT_TYPES,
  isDeployEvent,
  isRunning,
  type DeployEvent,
} from '@/lib/client/deploys/deploy-list';
import {
  addFetchedRow,
  applyHistoryEvent,
  historyFrom,
  releasePending,
  type HistoryState,
} from '@/lib/client/deploys/history-list';
import { historyHref, isFiltered, type HistoryQuery } from '@/lib/client/deploys/history-query';
import { useLiveConnection, useLiveEvent } from '@/lib/client/use-live-events';
import { useTick } from '@/lib/client/deploys/use-tick';
import type { DeployRow } from '@/lib/server/deploys/store';
import { DeployTime } from './deploy-time';
import { ArrivalGlow } from './arrival-glow';
import { StatusBadge } from './status-badge';
import { LINK } from './status-style';

const TH = 'px-3 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400';
const TD = 'px-3 py-2 align-top';
const SHOW_NEW =
  'rounded-md border border-sky-500/50 bg-sky-50 px-2.5 py-1 text-xs font-medium text-sky-800 hover:bg-sky-100 dark:bg-sky-400/10 dark:text-sky-300 dark:hover:bg-sky-400/20';

/**
 * A page of deploy history (filtered and paged on the server), kept live: rows follow their events
 * in place; new deploys join the top of the first page, or wait behind a "show" button while the
 * pointer or focus is on the table so nothing moves under the reader.
 */
export function DeployHistory({
  rows,
  query,
  loadedAt,
}: {
  rows: readonly DeployRow[];
  query: HistoryQuery;
  loadedAt: number;
}) {
  const [state, setState] = useState<HistoryState>(() => historyFrom(rows));
  // The ref is the source of truth between renders, so events in one tick build on each other.
  const current = useRef(state);
  const update = (change: (s: HistoryState) => HistoryState) => {
    current.current = change(current.current);
    setState(current.current);
  };
  const heldRef = useRef(false);
  const requested = useRef(new Set<string>());
  const ticking = useTick(1_000);
  const now = ticking === 0 ? loadedAt : ticking;

  const hold = (on: boolean) => {
    if (heldRef.current === on) return;
    heldRef.current = on;
    // Letting go shows what waited: it no longer moves anything under the reader.
    if (!on) update((s) => releasePending(s, query));
  };

  const apply = (event: DeployEvent) => {
    const result = applyHistoryEvent(current.current, event, query, heldRef.current, Date.now());
    if (result.state !== current.current) update(() => result.state);
    const id = result.fetch;
    if (id === null || requested.current.has(id)) return;
    requested.current.add(id);
    void fetchDeployDetail(id).then((answer) => {
      if (answer.ok) update((s) => addFetchedRow(s, answer.value.deploy, query, heldRef.current));
    });
  };

  useLiveEvent(DEPLOY_EVENT_TYPES, (event) => {
    if (isDeployEvent(event)) apply(event);
  });

  // Events between the server render and this mount (the live connection outlives pages).
  const { store } = useLiveConnection();
  const applyMissed = useEffectEvent(() => {
    const missed = store.getRecent('deploys').filter(isDeployEvent);
    for (const event of missed.filter((e) => e.ts >= loadedAt).reverse()) apply(event);
  });
  useEffect(() => applyMissed(), [store, loadedAt]);

  const olderThan = state.rows.at(-1)?.startedAt;
  const filtered = isFiltered(query);
  // A full page may have more behind it; a short one is the end of the history.
  const hasOlder = olderThan !== undefined && state.rows.length >= query.limit;

  return (
    <div
      onPointerEnter={() => hold(true)}
      onPointerLeave={() => hold(false)}
      onFocus={() => hold(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) hold(false);
      }}
    >
      {state.pending.length > 0 && (
        <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <button
            type="button"
            className={SHOW_NEW}
            onClick={() => update((s) => releasePending(s, query))}
            data-pending-count={state.pending.length}
          >
            Show {state.pending.length} new {state.pending.length === 1 ? 'deploy' : 'deploys'}
          </button>
          <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
            held while you read the list
          </span>
        </div>
      )}
      {state.rows.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-slate-600 dark:text-slate-400" data-history-empty>
          {query.before
            ? 'No older deploys.'
            : filtered
              ? 'No deploys match these filters.'
              : 'No deploys recorded yet. They appear here as CI systems report them.'}{' '}
          {(filtered || query.before) && (
            <Link href={historyHref({ limit: query.limit })} className={LINK}>
              {filtered ? 'Clear the filters' : 'Back to the newest'}
            </Link>
          )}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-history>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className={TH}>
                  Status
                </th>
                <th scope="col" className={TH}>
                  Deploy
                </th>
                <th scope="col" className={`${TH} hidden md:table-cell`}>
                  Environment
                </th>
                <th scope="col" className={`${TH} hidden lg:table-cell`}>
                  Version · commit
                </th>
                <th scope="col" className={`${TH} hidden sm:table-cell`}>
                  Started
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((d) => (
                <tr
                  key={d.id}
                  data-history-row={d.id}
                  data-service={d.service}
                  data-status={d.status}
                  className="relative border-b border-slate-100 last:border-b-0 dark:border-slate-800/70"
                >
                  <td className={TD}>
                    <StatusBadge status={d.status} />
                  </td>
                  <td className={`${TD} min-w-0`}>
                    <Link
                      href={`/deploys/${encodeURIComponent(d.id)}`}
                      className="font-medium break-all hover:underline"
                    >
                      {d.service}
                    </Link>
                    <span className="block text-xs text-slate-500 md:hidden dark:text-slate-400">
                      {[d.environment, d.version].filter(Boolean).join(' · ')}
                    </span>
                    <span className="block text-xs text-slate-500 sm:hidden dark:text-slate-400">
                      <DeployTime ms={d.startedAt} />
                    </span>
                    {d.status === 'failure' && d.message && (
                      <span
                        className="mt-0.5 line-clamp-2 font-mono text-xs break-words text-rose-700 sm:line-clamp-1 dark:text-rose-400"
                        title={d.message}
                      >
                        {d.message}
                      </span>
                    )}
                    {isRunning(d.status) && d.currentStep && (
                      <span className="block text-xs text-sky-700 dark:text-sky-300">
                        step <span className="font-mono">{d.currentStep}</span>
                      </span>
                    )}
                  </td>
                  <td className={`${TD} hidden md:table-cell`}>{d.environment}</td>
                  <td className={`${TD} hidden font-mono text-xs lg:table-cell`}>
                    {d.version ?? '—'}
                    {d.commitSha && (
                      <span className="text-slate-500 dark:text-slate-400" title={d.commitSha}>
                        {' · '}
                        {shortCommit(d.commitSha)}
                      </span>
                    )}
                  </td>
                  <td
                    className={`${TD} hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-300`}
                  >
                    <DeployTime ms={d.startedAt} />
                  </td>
                  <td className={`${TD} text-right whitespace-nowrap tabular-nums`}>
                    {formatDeployDuration(d, now)}
                    {isRunning(d.status) && <span className="sr-only"> so far</span>}
                    <ArrivalGlow show={d.arrived} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(query.before || hasOlder) && (
        <nav
          aria-label="History pages"
          className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-3 py-2 text-sm dark:border-slate-800"
        >
          {query.before && (
            <Link href={historyHref({ ...query, before: undefined })} className={LINK}>
              ← Newest
            </Link>
          )}
          {hasOlder && (
            <Link
              href={historyHref({ ...query, before: olderThan })}
              className={`${LINK} ml-auto`}
              data-older
            >
              Older deploys →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
