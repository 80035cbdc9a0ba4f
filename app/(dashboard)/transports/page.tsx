import { webTransport } from '@/lib/server/live-metrics/webtransport-registry';
import { sensorsRuntime } from '@/lib/server/sensors/runtime';
import { SseDetails } from '../../_components/live/sse-details';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { siteAddress } from '../../_components/panels/site-address';
import { TransportsLive } from '../../_components/transports/transports-live';
import { Code } from '../../_components/ui/empty-state';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Transports' };

const CARD = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900/60';

/**
 * WebSocket, SSE, WebTransport and MQTT side by side: what each protocol is, and what it costs here,
 * measured on this server's own traffic; then where each one connects.
 */
export default async function TransportsPage() {
  const site = await siteAddress();
  const wsOrigin = site.origin.replace(/^http/, 'ws');
  const wt = webTransport();
  const mqttTcp = sensorsRuntime().broker.listeners.find((l) => l.transport === 'tcp');
  const endpoints = [
    { name: 'WebSocket', where: [`${wsOrigin}/ws/chat`, `${wsOrigin}/ws/metrics`] },
    { name: 'Server-Sent Events', where: [`${site.origin}/api/events?streams=…`] },
    {
      name: 'WebTransport',
      where: [
        wt ? `https://${site.hostname}:${wt.port}${wt.path} (UDP, HTTP/3)` : 'not running on this server',
      ],
    },
    {
      name: 'MQTT',
      where: [
        mqttTcp?.port ? `mqtt://${site.hostname}:${mqttTcp.port}` : 'TCP listener not running',
        `${wsOrigin}/mqtt`,
      ],
    },
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Transports"
        description="The four real-time protocols compared, with what each one costs on this server right now."
      />
      <TransportsLive />
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="t-endpoints" className={CARD}>
          <h2 id="t-endpoints" className="font-semibold">
            Where each connects
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {endpoints.map((e) => (
              <li key={e.name}>
                <span className="font-medium">{e.name}</span>
                {e.where.map((w) => (
                  <span key={w} className="mt-0.5 block break-all">
                    <Code>{w}</Code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="t-sse" className={CARD}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="t-sse" className="font-semibold">
              This tab&apos;s event stream
            </h2>
            <SseIndicator />
          </div>
          <div className="mt-2">
            <SseDetails />
          </div>
        </section>
      </div>
    </div>
  );
}
