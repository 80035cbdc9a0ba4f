import { LOG_LEVELS } from '@/lib/events';
import type { LogLevel } from '@/lib/client/logs/view-line';
import { env } from '@/lib/env';
import { logsOverview } from '@/lib/server/logs/runtime';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { LogsEmpty } from '../../_components/logs/logs-empty';
import { LogsView } from '../../_components/logs/logs-view';
import { siteAddress } from '../../_components/panels/site-address';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Logs' };

function list(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 100);
}

/** Container and pushed logs: live tail, filters and history search (`?container=a,b&level=error`). */
export default async function LogsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const site = await siteAddress();
  const initial = logsOverview();
  const levels = list(params.level).filter((l): l is LogLevel =>
    (LOG_LEVELS as readonly string[]).includes(l),
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title="Logs"
        description="Every container's output and pushed logs, live and searchable back through the retention."
        indicator={<SseIndicator label="Live · SSE" />}
      />
      <LogsView
        initial={initial}
        initialContainers={list(params.container)}
        initialLevels={levels}
        teaching={<LogsEmpty site={site} dockerHost={env().DOCKER_HOST ?? 'unix:///var/run/docker.sock'} />}
      />
    </div>
  );
}
