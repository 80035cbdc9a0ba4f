'use client';

import { useState } from 'react';
import type { DayBar } from '@/lib/server/monitors/types';
import { formatDuration } from '@/lib/client/format-time';
import { BAR_FILL } from '../uptime/status-style';

const PHONE_DAYS = 30;
const STATE_WORD = { up: 'No downtime', degraded: 'Degraded', down: 'Outage', maintenance: 'Maintenance', none: 'No data' } as const;

interface DayIncident {
  id: number;
  startedAt: number;
  resolvedAt: number | null;
  notes?: { text: string }[];
}

/**
 * 90 daily bars (UTC days), oldest left. Each bar is a button: tapping one shows that day's figures
 * and incidents underneath (fetched on demand, so the page stays small). `incidentsUrl` builds the
 * address of a day's incidents.
 */
export function DayBars({ bars, label, incidentsPath }: { bars: readonly DayBar[]; label: string; incidentsPath: string }) {
  const [selected, setSelected] = useState<DayBar | null>(null);
  const [incidents, setIncidents] = useState<DayIncident[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (bar: DayBar) => {
    if (selected?.day === bar.day) {
      setSelected(null);
      return;
    }
    setSelected(bar);
    setIncidents(null);
    setError(null);
    if (bar.incidents === 0 && bar.state !== 'down') return setIncidents([]);
    try {
      const sep = incidentsPath.includes('?') ? '&' : '?';
      const res = await fetch(`${incidentsPath}${sep}day=${bar.day}&from=${bar.start}&to=${bar.start + 86_400_000}`);
      if (!res.ok) throw new Error(String(res.status));
      setIncidents(((await res.json()) as { incidents: DayIncident[] }).incidents);
    } catch {
      setError('Could not load the incidents of this day.');
    }
  };

  return (
    <div>
      <div className="flex h-8 items-stretch gap-px" role="group" aria-label={`${label}: last ${bars.length} days`} data-day-bars>
        {bars.map((bar, index) => (
          <button
            key={bar.day}
            type="button"
            data-day={bar.day}
            data-day-state={bar.state}
            aria-pressed={selected?.day === bar.day}
            aria-label={`${bar.day}: ${STATE_WORD[bar.state]}${bar.uptime !== null ? `, ${bar.uptime} % up` : ''}${bar.incidents ? `, ${bar.incidents} incident${bar.incidents > 1 ? 's' : ''}` : ''}`}
            title={`${bar.day} · ${STATE_WORD[bar.state]}${bar.uptime !== null ? ` · ${bar.uptime} %` : ''}`}
            onClick={() => void open(bar)}
            className={`min-w-0 flex-1 rounded-[2px] ${index < bars.length - PHONE_DAYS ? 'hidden sm:block' : ''} outline-offset-1 hover:opacity-75 focus-visible:outline-2 focus-visible:outline-sky-500 ${BAR_FILL[bar.state]} ${selected?.day === bar.day ? 'ring-2 ring-slate-900 dark:ring-white' : ''}`}
          />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-[0.7rem] text-slate-500 dark:text-slate-400" aria-hidden="true">
        {/* A phone shows the last 30 days, each bar wide enough to tap. */}
        <span className="sm:hidden">{Math.min(PHONE_DAYS, bars.length)} days ago</span>
        <span className="hidden sm:inline">{bars.length} days ago</span>
        <span>today</span>
      </div>
      {selected && (
        <div className="mt-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" data-day-detail={selected.day} aria-live="polite">
          <p className="font-medium">
            {selected.day} (UTC) · {STATE_WORD[selected.state]}
            {selected.uptime !== null && <span className="font-normal"> · {selected.uptime} % up over {selected.checks} checks</span>}
          </p>
          {error && <p className="mt-1 text-amber-700 dark:text-amber-300">{error}</p>}
          {incidents === null && !error && <p className="mt-1 text-slate-500">Loading…</p>}
          {incidents?.length === 0 && <p className="mt-1 text-slate-600 dark:text-slate-400">No incidents this day.</p>}
          {incidents && incidents.length > 0 && (
            <ul className="mt-1 space-y-1">
              {incidents.map((i) => (
                <li key={i.id}>
                  <span className="text-rose-700 dark:text-rose-400">✕ Outage</span> from {new Date(i.startedAt).toISOString().slice(11, 16)} UTC,{' '}
                  {i.resolvedAt === null ? 'ongoing' : `lasted ${formatDuration(i.resolvedAt - i.startedAt)}`}
                  {i.notes?.map((n, k) => (
                    <p key={k} className="ml-4 text-slate-600 dark:text-slate-400">
                      “{n.text}”
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** What the bar colours mean, in words (never colour alone). */
export function BarLegend() {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
      {(Object.keys(STATE_WORD) as (keyof typeof STATE_WORD)[]).map((state) => (
        <li key={state} className="flex items-center gap-1">
          <span className={`inline-block h-3 w-2 rounded-[2px] ${BAR_FILL[state]}`} aria-hidden="true" />
          {STATE_WORD[state]}
        </li>
      ))}
    </ul>
  );
}
