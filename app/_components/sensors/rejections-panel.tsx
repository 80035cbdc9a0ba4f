import type { SensorsOverviewView } from '@/lib/client/sensors/sensor-schemas';
import { Ago } from './ago';

/** Messages not stored, by reason, and the latest few with what was wrong: a device's bug shows here. */
export function RejectionsPanel({ rejections }: { rejections: SensorsOverviewView['rejections'] }) {
  if (rejections.counts.length === 0) {
    return (
      <p className="p-3 text-sm text-slate-500 dark:text-slate-400">
        Nothing rejected. Non-JSON, non-numeric, out-of-ACL and over-limit messages are counted here with the
        reason.
      </p>
    );
  }
  return (
    <div className="grid gap-3 p-3 md:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
      <ul className="space-y-1 text-sm" aria-label="Rejected messages by reason">
        {rejections.counts.map((r) => (
          <li key={r.reason} className="flex items-baseline gap-2" title={r.label}>
            <strong className="tabular-nums">{r.count}</strong>
            <span className="font-mono text-xs">{r.reason}</span>
            <span className="truncate text-xs text-slate-500 dark:text-slate-400">{r.label}</span>
          </li>
        ))}
      </ul>
      <ul className="min-w-0 space-y-1 font-mono text-xs" aria-label="Latest rejected messages">
        {rejections.recent.map((r, i) => (
          <li key={`${r.at}-${i}`} className="flex min-w-0 flex-wrap gap-x-2">
            <Ago ms={r.at} className="text-slate-500 dark:text-slate-400" />
            <span>{r.deviceId ?? '—'}</span>
            <span className="text-amber-700 dark:text-amber-300">{r.reason}</span>
            <span className="min-w-0 break-all text-slate-600 dark:text-slate-300">{r.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
