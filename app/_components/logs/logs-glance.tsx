'use client';

import type { ContainersInfo } from '@/lib/client/logs/logs-api';

/** The page's one-line answer: how many containers are followed, and how many problems lately. */
export function LogsGlance({ info, linesInView }: { info: ContainersInfo | null; linesInView: number }) {
  if (!info) return null;
  const running = info.containers.filter((c) => c.following).length;
  const pushed = info.containers.filter((c) => c.source === 'push').length;
  const { errorsLast15m: errors, warningsLast15m: warnings, linesLast15m: lines } = info.activity;
  const tone =
    errors > 0
      ? 'bg-rose-500'
      : warnings > 0
        ? 'bg-amber-500'
        : running + pushed > 0
          ? 'bg-emerald-500'
          : 'bg-slate-400';
  const parts = [
    `Following ${running} container${running === 1 ? '' : 's'}`,
    pushed ? `${pushed} pushed stream${pushed === 1 ? '' : 's'}` : null,
    `${linesInView.toLocaleString('en')} lines in view`,
    `${errors.toLocaleString('en')} error${errors === 1 ? '' : 's'} and ${warnings.toLocaleString('en')} warning${warnings === 1 ? '' : 's'} in the last 15 min`,
    `${Math.round(lines / 15).toLocaleString('en')} lines/min`,
  ].filter(Boolean);
  return (
    <p data-logs-glance className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
      <span aria-hidden className={`size-2.5 rounded-full ${tone}`} />
      {parts.join(' · ')}
    </p>
  );
}
