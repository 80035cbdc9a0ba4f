'use client';

import { Bar, BarChart, Cell, Line, LineChart, Tooltip, YAxis } from 'recharts';
import { formatDuration, formatExact } from '@/lib/client/format-time';
import {
  durationPoints,
  failureRateByDay,
  failureRateText,
  type DayBucket,
  type DurationPoint,
} from '@/lib/client/deploys/trends';
import { useDeployStats } from '@/lib/client/deploys/use-deploy-stats';
import { useTick } from '@/lib/client/deploys/use-tick';
import type { ServiceStats } from '@/lib/server/deploys/store';
import { CARD } from './status-style';

/** Chart colours (SVG attributes take values, not classes); legible on both themes. */
const COLOURS = { line: '#0ea5e9', failed: '#f43f5e', bar: '#f43f5e', empty: '#64748b' } as const;
/** Service, duration sparkline, failure bars: narrow charts on a phone, wide ones on a desktop. */
const ROW =
  'grid grid-cols-[minmax(0,1fr)_6rem_4.5rem] items-center gap-x-3 px-3 sm:grid-cols-[minmax(9rem,1fr)_minmax(0,2fr)_minmax(0,1.5fr)] sm:gap-x-4';
const FAILURE_TEXT = {
  some: 'block text-rose-700 sm:inline dark:text-rose-400',
  none: 'block text-slate-600 sm:inline dark:text-slate-400',
} as const;
const TOOLTIP =
  'rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/**
 * Per service: how long deploys take (a sparkline of the last runs, failures marked) and how often
 * they fail (a bar per day). Light on purpose: no axes, no animation, capped points.
 */
export function ServiceTrends({
  initial,
  days,
  loadedAt,
}: {
  initial: readonly ServiceStats[];
  days: number;
  loadedAt: number;
}) {
  const { services, error } = useDeployStats(initial, days);
  const ticking = useTick(60_000);
  const now = ticking === 0 ? loadedAt : ticking;
  return (
    <div>
      {error && (
        <p role="status" className="mb-2 text-xs text-amber-700 dark:text-amber-300">
          {error} Showing the last figures.
        </p>
      )}
      {services.length === 0 ? (
        <p className={`${CARD} px-4 py-5 text-sm text-slate-600 dark:text-slate-400`}>
          Charts of duration and failure rate per service appear after the first deploy finishes.
        </p>
      ) : (
        <ul className={`${CARD} divide-y divide-slate-200 dark:divide-slate-800`}>
          <li
            aria-hidden="true"
            className={`${ROW} py-1.5 text-[0.7rem] tracking-wide text-slate-500 uppercase dark:text-slate-400`}
          >
            <span>Service</span>
            <span>
              Duration<span className="hidden sm:inline">, last runs</span>
            </span>
            <span>
              Failures<span className="hidden sm:inline"> per day</span>
            </span>
          </li>
          {services.map((s) => (
            <ServiceRow key={s.service} stats={s} days={days} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ServiceRow({ stats, days, now }: { stats: ServiceStats; days: number; now: number }) {
  const points = durationPoints(stats);
  const buckets = failureRateByDay(stats, days, now);
  const median = stats.medianMs === null ? null : formatDuration(stats.medianMs);
  // Few runs: every point gets a dot, or a lone run would draw nothing.
  const dotAll = points.length <= 3;
  return (
    <li className={`${ROW} py-2`} data-service-trend={stats.service}>
      <figure
        className="min-w-0"
        aria-label={`${stats.service}: median ${median ?? 'unknown'}, ${failureRateText(stats)} over ${days} days`}
      >
        <figcaption>
          <span className="block truncate font-semibold" title={stats.service}>
            {stats.service}
          </span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            median <strong className="font-semibold tabular-nums">{median ?? '—'}</strong>
            <span className="hidden sm:inline"> · </span>
            {/* Its own line on a phone, where the text column is narrow. */}
            <span className={FAILURE_TEXT[stats.failures > 0 ? 'some' : 'none']}>
              {failureRateText(stats)}
            </span>
          </span>
        </figcaption>
      </figure>
      <div className="min-w-0" title={`Duration of the last ${points.length} runs`}>
        <LineChart
          responsive
          data={points}
          style={{ width: '100%', height: 36 }}
          margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
        >
          <YAxis hide domain={[0, 'auto']} />
          <Tooltip content={<DurationTip />} cursor={false} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="seconds"
            stroke={COLOURS.line}
            strokeWidth={1.5}
            isAnimationActive={false}
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: DurationPoint }) =>
              (props.payload?.failed || dotAll) && props.cx !== undefined && props.cy !== undefined ? (
                <circle
                  key={props.index}
                  cx={props.cx}
                  cy={props.cy}
                  r={2.5}
                  fill={props.payload?.failed ? COLOURS.failed : COLOURS.line}
                />
              ) : (
                <g key={props.index} />
              )
            }
          />
        </LineChart>
      </div>
      <div className="min-w-0" title={`Failure rate per day, last ${days} days`}>
        <BarChart
          responsive
          data={buckets}
          style={{ width: '100%', height: 28 }}
          margin={{ top: 2, right: 4, bottom: 0, left: 4 }}
        >
          <YAxis hide domain={[0, 100]} />
          <Tooltip
            content={<DayTip />}
            cursor={{ fill: 'rgba(148,163,184,0.15)' }}
            isAnimationActive={false}
          />
          {/* A day without failures is a grey hairline, a day without deploys is a gap. */}
          <Bar dataKey="rate" minPointSize={1} isAnimationActive={false}>
            {buckets.map((b) => (
              <Cell key={b.day} fill={b.rate ? COLOURS.bar : COLOURS.empty} />
            ))}
          </Bar>
        </BarChart>
      </div>
    </li>
  );
}

interface TipProps<T> {
  active?: boolean;
  payload?: readonly { payload?: T }[];
}

function DurationTip({ active, payload }: TipProps<DurationPoint>) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className={TOOLTIP}>
      {formatDuration(p.seconds * 1000)} · {p.failed ? 'failed' : 'finished'}
      <br />
      <span className="text-slate-500 dark:text-slate-400">{formatExact(p.startedAt)}</span>
    </div>
  );
}

function DayTip({ active, payload }: TipProps<DayBucket>) {
  const b = payload?.[0]?.payload;
  if (!active || !b) return null;
  return (
    <div className={TOOLTIP}>
      {formatExact(b.day).slice(0, 10)}:{' '}
      {b.total === 0 ? 'no deploys' : `${b.failures} of ${b.total} failed (${b.rate ?? 0}%)`}
    </div>
  );
}
