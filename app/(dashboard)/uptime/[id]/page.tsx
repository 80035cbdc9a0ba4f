import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatExact } from '@/lib/client/format-time';
import { STATUS_WORD, certificateWarning, formatLatency, formatUptime, shownStatus } from '@/lib/client/uptime/uptime-format';
import { downsample } from '@/lib/server/monitors/rollup';
import { RelativeTime } from '../../../_components/live/relative-time';
import { SseIndicator } from '../../../_components/live/sse-indicator';
import { siteAddress } from '../../../_components/panels/site-address';
import { DayBars } from '../../../_components/status/day-bars';
import { CopySnippet } from '../../../_components/ui/copy-snippet';
import { IncidentList } from '../../../_components/uptime/incident-list';
import { loadMonitorDetail, viewerRole } from '../../../_components/uptime/load-uptime';
import { MaintenanceNotice } from '../../../_components/uptime/maintenance-notice';
import { DeleteButton, PauseButton } from '../../../_components/uptime/monitor-actions';
import { MonitorStatusBadge } from '../../../_components/uptime/monitor-status-badge';
import { RefreshOnIncident } from '../../../_components/uptime/refresh-on-incident';
import { ResponseChart } from '../../../_components/uptime/response-chart';
import { BUTTON, CARD, LINK } from '../../../_components/uptime/status-style';

type Params = { params: Promise<{ id: string }> };

function load(raw: string) {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? loadMonitorDetail(id) : null;
}

export async function generateMetadata({ params }: Params) {
  const detail = load((await params).id);
  return { title: detail ? `${detail.monitor.name} · Uptime` : 'Monitor not found' };
}

/** One monitor: status since when, uptime figures, response times, 90 days, checks and incidents. */
export default async function MonitorPage({ params }: Params) {
  const detail = load((await params).id);
  if (!detail) notFound();
  const { monitor: m, uptime, checks, incidents, maintenance, bars, loadedAt } = detail;
  const { canEdit } = await viewerRole();
  const site = await siteAddress();
  const status = shownStatus(m);
  const certDays = certificateWarning(m.certExpiresAt, m.tlsExpiryWarningDays, loadedAt);
  const chart = downsample([...checks].reverse(), 300);
  return (
    <div className="space-y-6">
      <RefreshOnIncident monitorId={m.id} />
      <Link href="/uptime" className={`${LINK} text-sm`}>
        ← Uptime
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            {m.name} <MonitorStatusBadge status={status} large />
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-monitor-since>
            {STATUS_WORD[status]} since <RelativeTime ms={m.since} /> · <span className="font-mono break-all">{m.target}</span> · every {m.intervalSeconds} s, timeout {m.timeoutSeconds} s, {m.retries} {m.retries === 1 ? 'retry' : 'retries'}
            {m.public ? ' · on the public page' : ''}
          </p>
          {m.lastMessage && (
            <p className={`text-sm ${status === 'down' ? 'text-rose-700 dark:text-rose-400' : 'text-slate-600 dark:text-slate-400'}`}>
              Last check{m.lastCheckAt ? <> <RelativeTime ms={m.lastCheckAt} /></> : ''}: {m.lastMessage}
            </p>
          )}
          {certDays !== null && <p className="text-sm font-medium text-amber-700 dark:text-amber-300">⚠ The TLS certificate expires in {certDays} days ({formatExact(m.certExpiresAt!)}).</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <SseIndicator label="Live · SSE" />
          {canEdit && (
            <>
              <Link href={`/uptime/${m.id}/edit`} className={BUTTON}>
                Edit
              </Link>
              <PauseButton id={m.id} name={m.name} paused={m.paused} />
              <DeleteButton id={m.id} name={m.name} />
            </>
          )}
        </div>
      </header>
      <MaintenanceNotice windows={maintenance} now={loadedAt} />
      {canEdit && m.pushToken && (
        <CopySnippet label="Push URL: call it at least every interval (GET or POST; ?status=down&msg=… reports a failure)" text={`curl -fsS ${site.origin}/api/push/${m.pushToken}?status=up&msg=OK`} />
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(
          [
            ['Uptime 24 h', formatUptime(uptime.day)],
            ['Uptime 7 d', formatUptime(uptime.week)],
            ['Uptime 30 d', formatUptime(uptime.month)],
            ['Last response', formatLatency(m.lastLatencyMs)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className={`${CARD} p-3`}>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <section className={`${CARD} p-4`}>
        <ResponseChart monitorId={m.id} initial={chart} />
      </section>
      <section className={`${CARD} space-y-2 p-4`} aria-labelledby="days-title">
        <h2 id="days-title" className="text-sm font-semibold">
          Last 90 days <span className="font-normal text-slate-500">· tap a day for its incidents</span>
        </h2>
        <DayBars bars={bars} label={m.name} incidentsPath={`/api/monitors/incidents?monitorId=${m.id}`} />
      </section>
      <section aria-labelledby="incidents-title" className="space-y-2">
        <h2 id="incidents-title" className="text-sm font-semibold">
          Incidents
        </h2>
        <IncidentList incidents={incidents} now={loadedAt} canEdit={canEdit} empty="No incidents yet." />
      </section>
      <section aria-labelledby="checks-title" className={`${CARD} overflow-x-auto`}>
        <h2 id="checks-title" className="border-b border-slate-200 px-4 py-2 text-sm font-semibold dark:border-slate-800">
          {checks.length === 1 ? 'Last check' : `Last ${checks.length} checks`}
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-4 py-1.5 font-medium">Time</th>
              <th className="px-4 py-1.5 font-medium">Result</th>
              <th className="px-4 py-1.5 font-medium">Response</th>
              <th className="px-4 py-1.5 font-medium">Detail</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {checks.map((c) => (
              <tr key={c.at} data-check-status={c.status}>
                <td className="px-4 py-1.5 whitespace-nowrap tabular-nums">
                  <RelativeTime ms={c.at} />
                </td>
                <td className="px-4 py-1.5">
                  <MonitorStatusBadge status={c.status} />
                </td>
                <td className="px-4 py-1.5 tabular-nums">{formatLatency(c.latencyMs)}</td>
                <td className="max-w-md truncate px-4 py-1.5 font-mono text-xs" title={c.message ?? ''}>
                  {c.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
