'use client';

import { connectionWords } from '@/lib/client/uptime/public-status';
import { usePublicStatus } from '@/lib/client/uptime/use-public-status';
import { PUBLIC_WORD, STATUS_GLYPH, countStatuses, formatUtc, publicHeadline, shownStatus } from '@/lib/client/uptime/uptime-format';
import { useNow } from '@/lib/client/use-now';
import type { PublicSummary } from '@/lib/server/monitors/status-page';
import { TEXT, TONE_TEXT } from '../uptime/status-style';
import { BarLegend, DayBars } from './day-bars';

const BANNER = {
  good: 'border-emerald-300 bg-emerald-50 dark:border-emerald-400/40 dark:bg-emerald-400/10',
  bad: 'border-rose-400 bg-rose-50 dark:border-rose-500/50 dark:bg-rose-500/10',
  warn: 'border-amber-300 bg-amber-50 dark:border-amber-400/40 dark:bg-amber-400/10',
  none: 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900',
} as const;
const DOT = { good: 'bg-emerald-500', warn: 'bg-amber-500', bad: 'bg-rose-500' } as const;

/** The public status page, live: headline, connection state, maintenance, open incidents, services. */
export function StatusBoard({ initial }: { initial: PublicSummary }) {
  const { summary, status, updatedAt, retry } = usePublicStatus(initial);
  const ticking = useNow(1_000);
  const now = ticking === 0 ? initial.generatedAt : ticking;
  const headline = publicHeadline(countStatuses(summary.monitors));
  const connection = connectionWords(status, now, updatedAt);
  return (
    <div className="space-y-6">
      <div className={`rounded-lg border p-4 ${BANNER[headline.tone]}`} data-status-headline={headline.tone}>
        <p className={`text-xl font-semibold ${TONE_TEXT[headline.tone]}`} role="status">
          {headline.text}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400" data-connection={status.kind}>
          <span className={`inline-block h-2 w-2 rounded-full ${DOT[connection.tone]}`} aria-hidden="true" />
          {connection.text}
          {status.kind === 'offline' && (
            <button type="button" onClick={retry} className="underline underline-offset-2">
              Retry now
            </button>
          )}
        </p>
      </div>

      {summary.maintenance.length > 0 && (
        <section aria-labelledby="maint-title" className="space-y-2">
          <h2 id="maint-title" className="text-sm font-semibold">
            Maintenance
          </h2>
          <ul className="space-y-2">
            {summary.maintenance.map((w) => (
              <li key={w.id} className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-400/40 dark:bg-sky-400/10" data-public-maintenance={w.id}>
                <p className="font-medium">
                  ⚒ {w.title} {w.startsAt <= now ? <span className="font-normal">· in progress</span> : <span className="font-normal">· planned</span>}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {formatUtc(w.startsAt)} – {formatUtc(w.endsAt)} · {w.monitors.join(', ')}
                </p>
                {w.description && <p className="mt-1">{w.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {summary.openIncidents.length > 0 && (
        <section aria-labelledby="inc-title" className="space-y-2">
          <h2 id="inc-title" className="text-sm font-semibold">
            Ongoing incidents
          </h2>
          <ul className="space-y-2">
            {summary.openIncidents.map((i) => (
              <li key={i.id} className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-500/40 dark:bg-rose-500/10" data-public-incident={i.id}>
                <p className="font-medium text-rose-800 dark:text-rose-300">✕ {i.monitor} is down</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">Since {formatUtc(i.startedAt)}</p>
                {i.notes.map((n, k) => (
                  <p key={k} className="mt-1">
                    <span className="text-xs text-slate-500">{formatUtc(n.at)} · </span>
                    {n.text}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="svc-title" className="space-y-3">
        <h2 id="svc-title" className="text-sm font-semibold">
          Services{' '}
          <span className="font-normal text-slate-500 dark:text-slate-400">
            · last <span className="sm:hidden">30</span>
            <span className="hidden sm:inline">90</span> days (UTC), tap a day for details
          </span>
        </h2>
        <BarLegend />
        {summary.monitors.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">Nothing is listed here yet.</p>}
        <ul className="space-y-5">
          {summary.monitors.map((m) => {
            const s = shownStatus(m);
            return (
              <li key={m.id} data-public-monitor={m.name} data-public-status={s}>
                <div className="mb-1.5 flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-medium">{m.name}</span>
                  <span className={`text-sm font-medium ${TEXT[s]}`}>
                    <span aria-hidden="true">{STATUS_GLYPH[s]} </span>
                    {PUBLIC_WORD[s]}
                  </span>
                </div>
                <DayBars bars={m.bars} label={m.name} incidentsPath={`/api/status/incidents?monitorId=${m.id}`} />
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  {m.uptime90 === null ? 'No checks yet' : `${m.uptime90} % uptime over ${m.days === 1 ? 'the last day' : `the last ${m.days} days`} with checks`}
                </p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
