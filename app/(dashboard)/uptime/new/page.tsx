import Link from 'next/link';
import { PageHeader } from '../../../_components/ui/page-header';
import { MonitorForm } from '../../../_components/uptime/monitor-form';
import { LINK } from '../../../_components/uptime/status-style';

export const metadata = { title: 'New monitor' };

export default function NewMonitorPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href="/uptime" className={`${LINK} text-sm`}>
        ← Uptime
      </Link>
      <PageHeader title="New monitor" description="What to check, how often, and how many failures in a row mean down." />
      <MonitorForm />
    </div>
  );
}
