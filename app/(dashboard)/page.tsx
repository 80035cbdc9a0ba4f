import { ChatSummary } from '../_components/chat/chat-summary';
import { loadDeploysBoard } from '../_components/deploys/load-deploys';
import { LiveStatusLine } from '../_components/live/live-status-line';
import { LogsSummary } from '../_components/logs/logs-summary';
import { DeploysSummary } from '../_components/overview/deploys-summary';
import { SummaryCard } from '../_components/overview/summary-card';
import { PANELS } from '../_components/panels/panels';
import { siteAddress } from '../_components/panels/site-address';
import { SensorsSummary } from '../_components/sensors/sensors-summary';
import { loadUptimeCard } from '../_components/uptime/load-uptime';
import { UptimeCard } from '../_components/uptime/uptime-card';
import { EmptyState } from '../_components/ui/empty-state';
import { sensorsCard } from '@/lib/server/sensors/overview';
import { logsOverview } from '@/lib/server/logs/runtime';
import { getDb } from '@/lib/server/store';

export const metadata = { title: 'Overview' };

/** The glance page: one status line, then a live summary card per area. */
export default async function OverviewPage() {
  const site = await siteAddress();
  const uptime = loadUptimeCard();
  const deploys = loadDeploysBoard();
  const sensors = sensorsCard(getDb());
  const logs = logsOverview();
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Overview</h1>
      <LiveStatusLine />
      <section aria-label="Live areas" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {PANELS.map((panel) => (
          <SummaryCard key={panel.id} panel={panel} site={site}>
            {panel.id === 'deploys' ? (
              <DeploysSummary
                key={deploys.loadedAt}
                initial={deploys}
                empty={
                  <EmptyState compact title={panel.emptyTitle}>
                    <p>{panel.hint(site)}</p>
                  </EmptyState>
                }
              />
            ) : panel.id === 'uptime' ? (
              <UptimeCard
                initial={uptime}
                empty={
                  <EmptyState compact title={panel.emptyTitle}>
                    <p>{panel.hint(site)}</p>
                  </EmptyState>
                }
              />
            ) : panel.id === 'sensors' ? (
              <SensorsSummary
                initial={sensors}
                empty={
                  <EmptyState compact title={panel.emptyTitle}>
                    <p>{panel.hint(site)}</p>
                  </EmptyState>
                }
              />
            ) : panel.id === 'logs' ? (
              <LogsSummary
                initial={logs}
                empty={
                  <EmptyState compact title={panel.emptyTitle}>
                    <p>{panel.hint(site)}</p>
                  </EmptyState>
                }
              />
            ) : panel.id === 'chat' ? (
              <ChatSummary />
            ) : undefined}
          </SummaryCard>
        ))}
      </section>
    </div>
  );
}
