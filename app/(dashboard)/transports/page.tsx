import { LiveIndicator } from '../../_components/live/live-indicator';
import { RecentEvents } from '../../_components/live/recent-events';
import { SseDetails } from '../../_components/live/sse-details';
import { SseIndicator } from '../../_components/live/sse-indicator';
import { siteAddress } from '../../_components/panels/site-address';
import { Code } from '../../_components/ui/empty-state';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Transports' };

const CARD = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900/60';

/** Every real-time channel, what it carries, and whether it runs: the place to debug connectivity. */
export default async function TransportsPage() {
  const site = await siteAddress();
  const wsOrigin = site.origin.replace(/^http/, 'ws');
  const planned = [
    {
      name: 'WebSocket chat',
      where: `${wsOrigin}/ws/chat`,
      carries: 'chat messages and presence, both ways',
    },
    {
      name: 'MQTT',
      where: `mqtt://${site.hostname}:1883 · ${wsOrigin}/mqtt`,
      carries: 'device readings in; a read-only topic explorer in the browser',
    },
    {
      name: 'WebTransport',
      where: `https://${site.hostname}:4433 (UDP)`,
      carries: 'live metrics samples, with a WebSocket fallback',
    },
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Transports"
        description="Each real-time channel this server offers, what it carries, and its state in this tab."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="t-sse" className={CARD}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="t-sse" className="font-semibold">
              Server-Sent Events
            </h2>
            <SseIndicator />
          </div>
          <p className="mt-1 mb-3 text-sm text-slate-600 dark:text-slate-400">
            <Code>{site.origin}/api/events?streams=…</Code> carries deploys, logs, monitors, sensors, chat and
            metrics. Reconnects back off with jitter, pause in hidden tabs and resume from the last event id.
          </p>
          <SseDetails />
        </section>
        <section aria-labelledby="t-planned" className={CARD}>
          <h2 id="t-planned" className="font-semibold">
            Coming with later issues
          </h2>
          <ul className="mt-2 space-y-3">
            {planned.map((t) => (
              <li key={t.name} className="text-sm">
                <LiveIndicator label={t.name} state={{ kind: 'not-running' }} />
                <p className="mt-1 text-slate-600 dark:text-slate-400">
                  <Code>{t.where}</Code> — {t.carries}.
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <RecentEvents stream="all" title="Recent events, all streams" />
    </div>
  );
}
