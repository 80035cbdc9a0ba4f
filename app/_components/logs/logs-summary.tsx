'use client';

import Link from 'next/link';
import type { ContainersInfo } from '@/lib/client/logs/logs-api';
import { useLogContainers } from '@/lib/client/logs/use-log-containers';

const BAR: Record<'errors' | 'warnings' | 'lines' | 'none', string> = {
  errors: 'bg-rose-500',
  warnings: 'bg-amber-500',
  lines: 'bg-sky-500/70',
  none: 'bg-slate-300 dark:bg-slate-700',
};

/**
 * The overview's Logs card: the engine, the containers followed, errors in the last 15 minutes (in
 * words and colour) and an hour of lines per minute, refreshed every 10 s.
 */
export function LogsSummary({ initial, empty }: { initial: ContainersInfo; empty: React.ReactNode }) {
  const { info } = useLogContainers(initial, 10_000);
  const data = info ?? initial;
  const following = data.containers.filter((c) => c.following);
  const pushed = data.containers.filter((c) => c.source === 'push').length;
  const { errorsLast15m: errors, warningsLast15m: warnings, minutes } = data.activity;
  const engine = data.engine;
  if (data.containers.length === 0 && engine.kind !== 'connected') return <>{empty}</>;
  const peak = Math.max(1, ...minutes.map((m) => m.lines));
  const noisiest = [...data.containers].sort((a, b) => b.errors - a.errors)[0];
  return (
    <div data-logs-summary className="space-y-2 text-sm">
      <p className="flex items-center gap-2">
        <span
          aria-hidden
          className={`size-2.5 rounded-full ${errors ? 'bg-rose-500' : warnings ? 'bg-amber-500' : 'bg-emerald-500'}`}
        />
        <span>
          {errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'No errors'} and {warnings} warning
          {warnings === 1 ? '' : 's'} in the last 15 min
        </span>
      </p>
      <p className="text-slate-600 dark:text-slate-400">
        {[
          `${following.length} container${following.length === 1 ? '' : 's'} followed`,
          pushed ? `${pushed} pushed stream${pushed === 1 ? '' : 's'}` : null,
          engine.kind === 'connected'
            ? `Docker ${engine.version}`
            : engine.kind === 'unreachable'
              ? 'Docker engine unreachable'
              : engine.kind === 'disabled'
                ? 'push only'
                : 'connecting to Docker',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div aria-label="Lines per minute, last hour" role="img" className="flex h-8 items-end gap-px">
        {minutes.map((m) => (
          <span
            key={m.at}
            title={`${new Date(m.at).toLocaleTimeString()}: ${m.lines} lines, ${m.errors} errors, ${m.warnings} warnings`}
            className={`flex-1 ${BAR[m.errors ? 'errors' : m.warnings ? 'warnings' : m.lines ? 'lines' : 'none']}`}
            style={{ height: `${Math.max(6, (m.lines / peak) * 100)}%` }}
          />
        ))}
      </div>
      {noisiest && noisiest.errors > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Most errors:{' '}
          <Link
            className="font-mono text-sky-700 hover:underline dark:text-sky-400"
            href={`/logs?container=${encodeURIComponent(noisiest.name)}&level=error,fatal`}
          >
            {noisiest.name}
          </Link>{' '}
          ({noisiest.errors})
        </p>
      )}
    </div>
  );
}
