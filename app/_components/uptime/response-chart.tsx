'use client';

import { useState } from 'react';
import { Area, AreaChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatExact } from '@/lib/client/format-time';
import { fetchHistory } from '@/lib/client/uptime/monitor-api';
import { formatLatency } from '@/lib/client/uptime/uptime-format';
import { BUTTON } from './status-style';

type Point = { at: number; latencyMs: number | null; failed: boolean };
const RANGES = ['24h', '7d', '30d', '90d'] as const;
const TOOLTIP = 'rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/** Response time over 24 h (every check, downsampled), 7 d (hourly) or 30/90 d (daily averages). */
export function ResponseChart({ monitorId, initial }: { monitorId: number; initial: Point[] }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>('24h');
  const [points, setPoints] = useState<Point[]>(initial);
  const [error, setError] = useState<string | null>(null);
  const choose = async (next: (typeof RANGES)[number]) => {
    setRange(next);
    const result = await fetchHistory(monitorId, next);
    if (!result.ok) return setError(result.error);
    setError(null);
    setPoints(result.value.points);
  };
  const values = points.filter((p) => p.latencyMs !== null).map((p) => p.latencyMs!);
  const avg = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return (
    <figure aria-label={`Response time, ${range}: average ${formatLatency(avg)}`}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-semibold">
          Response time <span className="font-normal text-slate-500 dark:text-slate-400">· average {formatLatency(avg)}</span>
        </figcaption>
        <div role="group" aria-label="Range" className="flex gap-1">
          {RANGES.map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => void choose(r)} className={`${BUTTON} ${r === range ? 'bg-slate-200 dark:bg-slate-700' : ''}`}>
              {r}
            </button>
          ))}
        </div>
      </div>
      {error && <p role="alert" className="text-xs text-amber-700 dark:text-amber-300">{error}</p>}
      {values.length < 2 ? (
        <p className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">Not enough checks in this range yet.</p>
      ) : (
        <AreaChart responsive data={points} style={{ width: '100%', height: 160 }} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} hide />
          <YAxis width={44} tick={{ fontSize: 11, fill: '#64748b' }} tickFormatter={(v: number) => `${Math.round(v)}`} unit=" ms" />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
              if (!p) return null;
              return (
                <div className={TOOLTIP}>
                  {formatExact(p.at)} · {p.latencyMs === null ? 'failed' : formatLatency(p.latencyMs)}
                  {p.failed && p.latencyMs !== null ? ' · some failed' : ''}
                </div>
              );
            }}
          />
          <Area type="monotone" dataKey="latencyMs" stroke="#0ea5e9" fill="#0ea5e9" fillOpacity={0.15} isAnimationActive={false} connectNulls={false} dot={false} />
        </AreaChart>
      )}
    </figure>
  );
}
