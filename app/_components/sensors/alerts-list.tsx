import type { AlertView } from '@/lib/client/sensors/sensor-schemas';
import { Ago } from './ago';

const LEVEL: Record<AlertView['level'], string> = {
  warning: 'border-amber-600/40 bg-amber-50 text-amber-800 dark:bg-amber-400/10 dark:text-amber-300',
  critical: 'border-rose-600 bg-rose-600 text-white dark:bg-rose-600',
};

/** Threshold alerts, newest first. */
export function AlertsList({ alerts }: { alerts: readonly AlertView[] }) {
  if (alerts.length === 0)
    return (
      <p className="px-3 py-2 text-sm text-slate-500 dark:text-slate-400">
        No alerts. Thresholds crossed will show here (and in #ops).
      </p>
    );
  return (
    <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Alerts">
      {alerts.map((a) => (
        <li key={`${a.id}-${a.ts}`} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 px-3 py-1.5">
          <span className={`rounded border px-1.5 py-px text-xs font-semibold ${LEVEL[a.level]}`}>
            {a.level}
          </span>
          <span className="font-mono">{a.deviceId}</span>
          <span>
            {a.metric} <strong className="tabular-nums">{a.value}</strong> (threshold {a.threshold})
          </span>
          <Ago ms={a.ts} className="ml-auto text-xs text-slate-500 dark:text-slate-400" />
        </li>
      ))}
    </ul>
  );
}
