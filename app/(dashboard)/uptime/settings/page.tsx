import Link from 'next/link';
import { PageHeader } from '../../../_components/ui/page-header';
import { ChannelsPanel } from '../../../_components/uptime/channels-panel';
import { loadSettings, viewerRole } from '../../../_components/uptime/load-uptime';
import { MaintenancePanel } from '../../../_components/uptime/maintenance-form';
import { LINK } from '../../../_components/uptime/status-style';

export const metadata = { title: 'Maintenance & notifications' };

export default async function UptimeSettingsPage() {
  const settings = loadSettings();
  const { canEdit, isAdmin } = await viewerRole();
  return (
    <div className="space-y-8">
      <Link href="/uptime" className={`${LINK} text-sm`}>
        ← Uptime
      </Link>
      <PageHeader title="Maintenance & notifications" description="Windows that suppress alerts (and show on the status page), and where status changes are sent." />
      <section aria-labelledby="mw-title" className="space-y-3">
        <h2 id="mw-title" className="font-semibold">
          Maintenance windows
        </h2>
        <MaintenancePanel key={settings.loadedAt} windows={settings.maintenance} monitors={settings.monitors} canEdit={canEdit} now={settings.loadedAt} />
      </section>
      <section aria-labelledby="ch-title" className="space-y-3">
        <h2 id="ch-title" className="font-semibold">
          Notifications
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A monitor going down and coming back up is POSTed to each webhook (retried with backoff), and posted in the chat&apos;s #ops channel.
        </p>
        {isAdmin ? <ChannelsPanel key={settings.loadedAt} channels={settings.channels} /> : <p className="text-sm">Only admins manage webhooks.</p>}
      </section>
    </div>
  );
}
