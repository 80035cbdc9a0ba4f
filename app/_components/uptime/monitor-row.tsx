import Link from 'next/link';
import { STATUS_WORD, certificateWarning, formatLatency, formatUptime, shownStatus } from '@/lib/client/uptime/uptime-format';
import type { MonitorSummary } from '@/lib/server/monitors/types';
import { RelativeTime } from '../live/relative-time';
import { MonitorStatusBadge } from './monitor-status-badge';
import { PauseButton } from './monitor-actions';
import { Sparkline } from './sparkline';

const TYPE_LABEL = { http: 'HTTP', tcp: 'TCP', dns: 'DNS', push: 'Push', mqtt: 'MQTT' } as const;

/** One monitor in the list: status since when, target, uptime, latency trend, pause. */
export function MonitorRow({ monitor: m, now, canEdit, highlight }: { monitor: MonitorSummary; now: number; canEdit: boolean; highlight: boolean }) {
  const status = shownStatus(m);
  const certDays = certificateWarning(m.certExpiresAt, m.tlsExpiryWarningDays, now);
  return (
    <li
      data-monitor={m.name}
      data-monitor-status={status}
      className={`grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3 transition-colors duration-1000 sm:grid-cols-[minmax(0,2.2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] ${highlight ? 'bg-amber-100/60 dark:bg-amber-400/10' : ''}`}
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <MonitorStatusBadge status={status} />
          <Link href={`/uptime/${m.id}`} className="truncate font-medium hover:underline">
            {m.name}
          </Link>
          {m.public && <span className="rounded border border-slate-300 px-1 text-[0.65rem] text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">public</span>}
          {certDays !== null && (
            <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800 dark:bg-amber-400/15 dark:text-amber-300" title="TLS certificate close to expiry">
              ⚠ cert expires in {certDays} {certDays === 1 ? 'day' : 'days'}
            </span>
          )}
        </div>
        <p className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">
          <span className="font-mono">{TYPE_LABEL[m.type]}</span> · <span className="font-mono">{m.target}</span> · every {m.intervalSeconds} s
        </p>
        <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
          {STATUS_WORD[status]} since <RelativeTime ms={m.since} />
          {status === 'down' && m.lastMessage ? <span className="text-rose-700 dark:text-rose-400"> · {m.lastMessage}</span> : null}
        </p>
      </div>
      <dl className="col-span-2 row-start-2 flex gap-4 text-xs sm:col-span-1 sm:row-start-auto sm:block sm:space-y-0.5">
        <div className="flex gap-1">
          <dt className="text-slate-500 dark:text-slate-400">24 h</dt>
          <dd className="font-semibold tabular-nums">{formatUptime(m.uptime.day)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500 dark:text-slate-400">30 d</dt>
          <dd className="tabular-nums">{formatUptime(m.uptime.month)}</dd>
        </div>
      </dl>
      <div className="col-span-2 row-start-3 flex items-center gap-2 sm:col-span-1 sm:row-start-auto">
        <Sparkline values={m.recent} label={`${m.name}: last ${m.recent.length} response times`} width={96} />
        <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{formatLatency(m.lastLatencyMs)}</span>
      </div>
      <div className="col-start-2 row-start-1 justify-self-end sm:col-start-auto sm:row-start-auto">{canEdit && <PauseButton id={m.id} name={m.name} paused={m.paused} />}</div>
    </li>
  );
}
