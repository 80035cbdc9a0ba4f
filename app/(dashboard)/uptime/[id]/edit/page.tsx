import Link from 'next/link';
import { notFound } from 'next/navigation';
import { fromDefinition } from '@/lib/client/uptime/form-values';
import { PageHeader } from '../../../../_components/ui/page-header';
import { loadMonitorDetail } from '../../../../_components/uptime/load-uptime';
import { MonitorForm } from '../../../../_components/uptime/monitor-form';
import { LINK } from '../../../../_components/uptime/status-style';

export const metadata = { title: 'Edit monitor' };

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  const detail = Number.isInteger(id) ? loadMonitorDetail(id) : null;
  if (!detail) notFound();
  const { monitor } = detail;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href={`/uptime/${monitor.id}`} className={`${LINK} text-sm`}>
        ← {monitor.name}
      </Link>
      <PageHeader title={`Edit ${monitor.name}`} description="Changing the target starts its status afresh; history is kept." />
      <MonitorForm id={monitor.id} initial={fromDefinition(monitor.definition)} />
    </div>
  );
}
