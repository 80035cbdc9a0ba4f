import { headers } from 'next/headers';
import { checkTopicFilter } from '@/lib/events/mqtt-topics';
import { isSensorRange, type SensorRange } from '@/lib/events/sensor-ranges';
import { authenticate } from '@/lib/server/auth/request-auth';
import { hasRole } from '@/lib/server/auth/roles';
import { sensorsOverview } from '@/lib/server/sensors/overview';
import { seriesPresets } from '@/lib/server/sensors/presets';
import { querySeries } from '@/lib/server/sensors/queries';
import { listSeries } from '@/lib/server/sensors/series-catalog';
import { getDb } from '@/lib/server/store';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { siteAddress } from '../../_components/panels/site-address';
import { ConnectDevice } from '../../_components/sensors/connect-device';
import { MqttExplorerPanel } from '../../_components/sensors/mqtt-explorer-panel';
import { SensorCharts } from '../../_components/sensors/sensor-charts';
import { SensorsBoard } from '../../_components/sensors/sensors-board';
import { CARD } from '../../_components/sensors/sensor-style';
import { ThresholdsPanel } from '../../_components/sensors/thresholds-panel';
import { EmptyState } from '../../_components/ui/empty-state';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Sensors' };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sensors: the one-line status, places beside the charts of the selection (an MQTT filter and a
 * range, in the URL), devices, alerts, thresholds, rejected messages and the MQTT explorer.
 * Everything starts from the store at render time, then follows the event stream.
 */
export default async function SensorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const rawFilter = one(params.filter)?.trim() ?? '';
  const filter = rawFilter && checkTopicFilter(rawFilter).ok ? rawFilter : 'sensors/#';
  const rawRange = one(params.range) ?? '';
  const range: SensorRange = isSensorRange(rawRange) ? rawRange : 'live';
  const role = authenticate(await headers())?.user.role ?? 'viewer';
  const db = getDb();
  const overview = sensorsOverview(db);
  const series = querySeries(db, { filter, range });
  const presets = seriesPresets(listSeries(db));
  const site = await siteAddress();
  const tcp = overview.broker.listeners.find((l) => l.transport === 'tcp');
  const target = { hostname: site.hostname, mqttPort: tcp?.port ?? null };
  const admin = hasRole(role, 'admin');
  const firstMetric = presets[1]?.filter ?? 'sensors/+/+/+/temperature';

  return (
    <div className="space-y-6">
      <PageHeader
        title="Sensors"
        description="MQTT devices by site, floor and room: live readings, who is online, and threshold alerts."
        indicator={<SseIndicator label="Live · SSE" />}
      />
      {overview.devices.length === 0 && (
        <EmptyState title="No devices yet — point one at the broker">
          <ConnectDevice target={target} origin={site.origin} admin={admin} />
        </EmptyState>
      )}
      <SensorsBoard initial={overview} selected={filter} range={range} admin={admin} target={target}>
        <SensorCharts
          key={`${filter}|${range}`}
          initial={series}
          filter={filter}
          range={range}
          presets={presets}
        />
      </SensorsBoard>
      <section className={CARD} aria-labelledby="thresholds-title">
        <h2
          id="thresholds-title"
          className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800"
        >
          Thresholds
        </h2>
        <ThresholdsPanel
          initial={overview.thresholds}
          canEdit={hasRole(role, 'operator')}
          suggestion={firstMetric}
        />
      </section>
      <section className={CARD} aria-labelledby="explorer-title">
        <h2 id="explorer-title" className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800">
          MQTT explorer{' '}
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            raw traffic, read-only
          </span>
        </h2>
        <MqttExplorerPanel />
      </section>
      {overview.devices.length > 0 && (
        <details className={`${CARD} p-4`}>
          <summary className="cursor-pointer font-semibold">Connect a device</summary>
          <div className="mt-3">
            <ConnectDevice target={target} origin={site.origin} admin={admin} />
          </div>
        </details>
      )}
    </div>
  );
}
