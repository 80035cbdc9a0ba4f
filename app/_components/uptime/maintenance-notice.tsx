import type { MaintenanceWindow } from '@/lib/server/monitors/types';
import { formatUtc } from '@/lib/client/uptime/uptime-format';

/** Current and upcoming maintenance, in one calm line each. */
export function MaintenanceNotice({ windows, now }: { windows: readonly MaintenanceWindow[]; now: number }) {
  if (windows.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label="Maintenance">
      {windows.map((w) => {
        const active = w.startsAt <= now;
        return (
          <li key={w.id} data-maintenance={w.id} className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-400/40 dark:bg-sky-400/10 dark:text-sky-200">
            <span aria-hidden="true">⚒ </span>
            <strong>{active ? 'Maintenance now' : 'Planned maintenance'}:</strong> {w.title} · {active ? `until ${formatUtc(w.endsAt)}` : `${formatUtc(w.startsAt)} – ${formatUtc(w.endsAt)}`}
            {w.monitorIds === null ? ' · all monitors' : ` · ${w.monitorIds.length} ${w.monitorIds.length === 1 ? 'monitor' : 'monitors'}`}
          </li>
        );
      })}
    </ul>
  );
}
