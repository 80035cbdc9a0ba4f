import { ConnectCi } from '../../_components/deploys/connect-ci';
import { DeployHistory } from '../../_components/deploys/deploy-history';
import { DeploysBoard } from '../../_components/deploys/deploys-board';
import { HistoryFilters } from '../../_components/deploys/history-filters';
import {
  STATS_DAYS,
  loadDeploysBoard,
  loadFacets,
  loadHistory,
  loadStats,
} from '../../_components/deploys/load-deploys';
import { ServiceTrends } from '../../_components/deploys/service-trends';
import { CARD } from '../../_components/deploys/status-style';
import { RecentEvents } from '../../_components/live/recent-events';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { siteAddress } from '../../_components/panels/site-address';
import { EmptyState } from '../../_components/ui/empty-state';
import { PageHeader } from '../../_components/ui/page-header';
import { historyHref, isFiltered, parseHistoryQuery } from '@/lib/client/deploys/history-query';

export const metadata = { title: 'Deploys' };

/**
 * Deploys: the one-line status, failures nobody has seen, what runs now (live), trends per service,
 * and the filterable history. Everything starts from the store at render time, then follows the
 * event stream; the history's filters and paging live in the URL.
 */
export default async function DeploysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseHistoryQuery(await searchParams);
  const site = await siteAddress();
  const board = loadDeploysBoard();
  const history = loadHistory(query);
  const facets = loadFacets();
  const stats = loadStats();
  const nothingYet = facets.services.length === 0;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Deploys"
        description="Deploys as they run, what failed, and how each service has been doing."
        indicator={<SseIndicator label="Live · SSE" />}
      />
      <DeploysBoard key={board.loadedAt} initial={board} />

      {nothingYet && (
        <EmptyState title="No deploys yet — connect a CI system">
          <ConnectCi site={site} />
        </EmptyState>
      )}

      {/* Trends need finished deploys: until the first one, the page is about connecting CI. */}
      {!nothingYet && (
        <section aria-labelledby="trends-title" className="space-y-2">
          <h2 id="trends-title" className="text-sm font-semibold text-slate-700 dark:text-slate-300">
            Trends per service · last {STATS_DAYS} days
          </h2>
          <ServiceTrends key={board.loadedAt} initial={stats} days={STATS_DAYS} loadedAt={board.loadedAt} />
        </section>
      )}

      <section id="history" aria-labelledby="history-title" className={`${CARD} scroll-mt-28`}>
        <div className="space-y-3 border-b border-slate-200 p-3 dark:border-slate-800">
          <h2 id="history-title" className="font-semibold">
            History{' '}
            <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
              newest first{isFiltered(query) ? ' · filtered' : ''}
              {query.before ? ' · older page' : ''}
            </span>
          </h2>
          <HistoryFilters
            key={historyHref(query)}
            query={query}
            services={facets.services}
            environments={facets.environments}
          />
        </div>
        <DeployHistory
          key={`${historyHref(query)}@${board.loadedAt}`}
          rows={history}
          query={query}
          loadedAt={board.loadedAt}
        />
      </section>

      {!nothingYet && (
        <details className={`${CARD} group p-4`}>
          <summary className="cursor-pointer font-semibold">Connect a CI system</summary>
          <div className="mt-3">
            <ConnectCi site={site} />
          </div>
        </details>
      )}

      <RecentEvents stream="deploys" title="Raw deploy events" />
    </div>
  );
}
