'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { SnapshotEntry } from '@/lib/client/uptime/monitor-list';
import { shownStatus } from '@/lib/client/uptime/uptime-format';
import { useLiveConnection, useLiveEvent } from '@/lib/client/use-live-events';
import { RelativeTime } from '../live/relative-time';
import { MonitorStatusBadge } from './monitor-status-badge';
import { UptimeGlance } from './uptime-glance';

const RANK = { down: 0, pending: 1, maintenance: 2, paused: 3, up: 4 } as const;

/**
 * The overview's uptime card, live: the glance line and the monitors that need eyes first. Until the
 * first monitor exists it shows `empty` (the teaching empty state).
 */
export function UptimeCard({ initial, empty }: { initial: readonly SnapshotEntry[]; empty: React.ReactNode }) {
  const { store } = useLiveConnection();
  const [monitors, setMonitors] = useState(initial);
  useLiveEvent('monitor-status', (event) => {
    const d = event.data;
    setMonitors((list) => {
      const known = list.some((m) => m.id === d.monitorId || m.name === d.name);
      const next = { id: d.monitorId ?? -1, name: d.name, status: d.status, since: d.since ?? event.ts, latencyMs: d.latencyMs ?? null, paused: false };
      return known ? list.map((m) => (m.id === d.monitorId || m.name === d.name ? { ...m, ...next, id: m.id } : m)) : [...list, next];
    });
  });
  useEffect(
    () =>
      store.onHello((hello) => {
        const entries = (hello.snapshot.monitors as { monitors?: SnapshotEntry[] } | undefined)?.monitors;
        if (Array.isArray(entries)) setMonitors(entries);
      }),
    [store],
  );
  if (monitors.length === 0) return <>{empty}</>;
  const worst = [...monitors].sort((a, b) => RANK[shownStatus(a)] - RANK[shownStatus(b)] || a.name.localeCompare(b.name)).slice(0, 4);
  return (
    <div className="space-y-2 text-sm" data-uptime-card>
      <UptimeGlance monitors={monitors} />
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Monitors needing attention first">
        {worst.map((m) => (
          <li key={`${m.id}-${m.name}`} className="flex items-center justify-between gap-2 py-1.5">
            <Link href={m.id > 0 ? `/uptime/${m.id}` : '/uptime'} className="min-w-0 truncate hover:underline">
              {m.name}
            </Link>
            <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
              <RelativeTime ms={m.since} />
              <MonitorStatusBadge status={shownStatus(m)} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
