import Link from 'next/link';
import { RecentEvents } from '../../_components/live/recent-events';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { siteAddress } from '../../_components/panels/site-address';
import { CopySnippet } from '../../_components/ui/copy-snippet';
import { Code, EmptyState } from '../../_components/ui/empty-state';
import { PageHeader } from '../../_components/ui/page-header';
import { IncidentList } from '../../_components/uptime/incident-list';
import { loadUptimeBoard, viewerRole } from '../../_components/uptime/load-uptime';
import { MaintenanceNotice } from '../../_components/uptime/maintenance-notice';
import { RefreshOnIncident } from '../../_components/uptime/refresh-on-incident';
import { BUTTON, LINK, PRIMARY } from '../../_components/uptime/status-style';
import { UptimeBoard } from '../../_components/uptime/uptime-board';

export const metadata = { title: 'Uptime' };

/**
 * Uptime: the glance line ("2 monitors down"), every monitor with status, since when, uptime and
 * latency trend (live), then open incidents and maintenance.
 */
export default async function UptimePage() {
  const board = loadUptimeBoard();
  const { canEdit } = await viewerRole();
  const site = await siteAddress();
  return (
    <div className="space-y-8">
      <PageHeader title="Uptime" description="HTTP, TCP, DNS and push monitors: what is up, what is down and since when." indicator={<SseIndicator label="Live · SSE" />} />
      <RefreshOnIncident />
      <nav aria-label="Uptime actions" className="flex flex-wrap items-center gap-2">
        {canEdit && (
          <Link href="/uptime/new" className={PRIMARY}>
            + New monitor
          </Link>
        )}
        <Link href="/uptime/settings" className={BUTTON}>
          Maintenance &amp; notifications
        </Link>
        <Link href="/status" className={`${LINK} text-sm`}>
          Public status page ↗
        </Link>
      </nav>
      <MaintenanceNotice windows={board.maintenance} now={board.loadedAt} />
      <UptimeBoard key={board.loadedAt} initial={board.monitors} loadedAt={board.loadedAt} canEdit={canEdit} />
      {board.monitors.length === 0 && (
        <EmptyState title="No monitors yet">
          <p>
            Add one with <strong>New monitor</strong>, start Signalboard with <Code>MONITORS_FILE</Code> pointing at a JSON list, or create one
            over the API with an operator key. With <Code>SIMULATORS=on</Code> a few flaky demo services and their monitors appear on their own.
          </p>
          <CopySnippet
            label="Create a monitor with curl"
            text={`curl -X POST ${site.origin}/api/monitors \\\n  -H 'Authorization: Bearer <operator API key>' -H 'Content-Type: application/json' \\\n  -d '{"name":"api","type":"http","url":"https://api.example/health","intervalSeconds":30,"retries":2}'`}
          />
        </EmptyState>
      )}
      <section aria-labelledby="open-incidents" className="space-y-2">
        <h2 id="open-incidents" className="text-sm font-semibold text-slate-700 dark:text-slate-300">
          Open incidents
        </h2>
        <IncidentList incidents={board.openIncidents} now={board.loadedAt} canEdit={canEdit} showMonitor empty="No open incidents." />
      </section>
      <RecentEvents stream="monitors" title="Raw monitor events" />
    </div>
  );
}
