'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createMaintenance, endMaintenance } from '@/lib/client/uptime/monitor-api';
import { formatUtc } from '@/lib/client/uptime/uptime-format';
import type { MaintenanceWindow } from '@/lib/server/monitors/types';
import { Field, TextInput } from './form-fields';
import { BUTTON, CARD, INPUT, PRIMARY } from './status-style';

const HOUR = 3600_000;

/** Plans a window (now or later, all monitors or some) and lists the current and upcoming ones. */
export function MaintenancePanel({ windows, monitors, canEdit, now }: { windows: readonly MaintenanceWindow[]; monitors: readonly { id: number; name: string }[]; canEdit: boolean; now: number }) {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [startsIn, setStartsIn] = useState('0');
  const [hours, setHours] = useState('1');
  const [chosen, setChosen] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const names = new Map(monitors.map((m) => [m.id, m.name]));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const startsAt = Date.now() + Number(startsIn) * 60_000;
    const result = await createMaintenance({ title, monitorIds: chosen.length ? chosen : null, startsAt, endsAt: startsAt + Number(hours) * HOUR });
    if (!result.ok) return setError(result.error);
    setError(null);
    setTitle('');
    router.refresh();
  };
  const end = async (id: number) => {
    const result = await endMaintenance(id);
    if (!result.ok) return setError(result.error);
    router.refresh();
  };

  return (
    <div className="space-y-4">
      {windows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No maintenance planned.</p>
      ) : (
        <ul className={`${CARD} divide-y divide-slate-200 dark:divide-slate-800`}>
          {windows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-maintenance={w.id}>
              <span>
                <strong>{w.title}</strong> · {formatUtc(w.startsAt)} – {formatUtc(w.endsAt)} ·{' '}
                {w.monitorIds === null ? 'all monitors' : w.monitorIds.map((id) => names.get(id) ?? `#${id}`).join(', ')}
              </span>
              {canEdit && (
                <button type="button" className={BUTTON} onClick={() => void end(w.id)}>
                  {w.startsAt <= now ? 'End now' : 'Cancel'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={submit} className={`${CARD} grid gap-3 p-4 sm:grid-cols-4`} aria-label="Plan maintenance">
          <Field name="mw-title" label="Title" className="sm:col-span-2">
            <TextInput name="mw-title" value={title} onChange={setTitle} placeholder="Database upgrade" />
          </Field>
          <Field name="mw-starts" label="Starts in (minutes)">
            <TextInput name="mw-starts" value={startsIn} onChange={setStartsIn} inputMode="numeric" />
          </Field>
          <Field name="mw-hours" label="Lasts (hours)">
            <TextInput name="mw-hours" value={hours} onChange={setHours} inputMode="decimal" />
          </Field>
          <Field name="mw-monitors" label="Monitors (none chosen: all)" className="sm:col-span-3">
            <select
              id="f-mw-monitors"
              multiple
              value={chosen.map(String)}
              onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => Number(o.value)))}
              className={`${INPUT} h-24`}
            >
              {monitors.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex items-end justify-end">
            <button type="submit" className={PRIMARY} disabled={title.trim() === ''}>
              Plan maintenance
            </button>
          </div>
          {error && <p role="alert" className="text-sm text-rose-700 sm:col-span-4 dark:text-rose-400">{error}</p>}
        </form>
      )}
    </div>
  );
}
