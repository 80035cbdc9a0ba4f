'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { STATUS_WORDS } from '@/lib/client/deploys/deploy-format';
import {
  DEFAULT_PAGE_SIZE,
  historyHref,
  isFiltered,
  parseHistoryQuery,
  type HistoryQuery,
} from '@/lib/client/deploys/history-query';
import { DEPLOY_STATUSES } from '@/lib/events';
import { LINK } from './status-style';

const SELECT =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

/**
 * Filters of the history, kept in the URL (shareable, server-side through the page). A change
 * applies at once; without JavaScript the Apply button submits the same GET form.
 */
export function HistoryFilters({
  query,
  services,
  environments,
}: {
  query: HistoryQuery;
  services: readonly string[];
  environments: readonly string[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const apply = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form))
      if (typeof value === 'string' && value) params.set(key, value);
    // A new filter starts from the newest deploys again.
    const next = parseHistoryQuery(params);
    startTransition(() => router.push(historyHref({ ...next, before: undefined }), { scroll: false }));
  };
  // A value from the URL that no deploy has (yet) stays selectable, so the form shows the truth.
  const withCurrent = (list: readonly string[], value: string | undefined) =>
    value && !list.includes(value) ? [value, ...list] : list;

  return (
    <form
      action="/deploys#history"
      method="get"
      aria-label="Filter deploy history"
      aria-busy={pending}
      className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
      onChange={(event) => apply(event.currentTarget)}
    >
      <label className="text-xs font-medium text-slate-600 sm:w-44 dark:text-slate-400">
        Service
        <select name="service" defaultValue={query.service ?? ''} className={SELECT} data-search>
          <option value="">All services</option>
          {withCurrent(services, query.service).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600 sm:w-40 dark:text-slate-400">
        Environment
        <select name="environment" defaultValue={query.environment ?? ''} className={SELECT}>
          <option value="">All environments</option>
          {withCurrent(environments, query.environment).map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600 sm:w-36 dark:text-slate-400">
        Status
        <select name="status" defaultValue={query.status ?? ''} className={SELECT}>
          <option value="">Any status</option>
          {DEPLOY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      {query.limit !== DEFAULT_PAGE_SIZE && <input type="hidden" name="limit" value={query.limit} />}
      <div className="flex items-center gap-3 sm:pb-1.5">
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Apply
        </button>
        {isFiltered(query) && (
          <Link href={historyHref({ limit: query.limit })} scroll={false} className={`${LINK} text-sm`}>
            Clear filters
          </Link>
        )}
        {pending && (
          <span role="status" className="text-xs text-slate-500 dark:text-slate-400">
            Loading…
          </span>
        )}
      </div>
    </form>
  );
}
