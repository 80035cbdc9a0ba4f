'use client';

import { useEffect, useRef, useState } from 'react';
import { sortForGlance } from '@/lib/client/uptime/monitor-list';
import { useMonitorList } from '@/lib/client/uptime/use-monitor-list';
import { useNow } from '@/lib/client/use-now';
import type { MonitorSummary } from '@/lib/server/monitors/types';
import { MonitorRow } from './monitor-row';
import { CARD } from './status-style';
import { UptimeGlance } from './uptime-glance';

const HIGHLIGHT_MS = 4_000;

/**
 * The live uptime list: the glance line, then every monitor, worst first. A row whose status just
 * changed glows briefly; the order is kept while the pointer is over the list, so nothing jumps
 * under the reader's cursor.
 */
export function UptimeBoard({ initial, loadedAt, canEdit }: { initial: readonly MonitorSummary[]; loadedAt: number; canEdit: boolean }) {
  const { monitors } = useMonitorList({ monitors: initial, loadedAt });
  const ticking = useNow(5_000);
  const now = ticking === 0 ? loadedAt : ticking;
  const [hovering, setHovering] = useState(false);
  const order = useRef<number[]>([]);
  const previous = useRef(new Map(initial.map((m) => [m.id, `${m.status}${m.paused}`])));
  const [changedAt, setChangedAt] = useState(new Map<number, number>());

  useEffect(() => {
    const changes = monitors.filter((m) => previous.current.get(m.id) !== undefined && previous.current.get(m.id) !== `${m.status}${m.paused}`);
    previous.current = new Map(monitors.map((m) => [m.id, `${m.status}${m.paused}`]));
    if (changes.length === 0) return;
    const at = Date.now();
    setChangedAt((map) => new Map([...map, ...changes.map((m) => [m.id, at] as const)]));
  }, [monitors]);

  let sorted = sortForGlance(monitors);
  if (hovering && order.current.length > 0) {
    const rank = new Map(order.current.map((id, i) => [id, i]));
    sorted = [...monitors].sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
  } else {
    order.current = sorted.map((m) => m.id);
  }

  return (
    <section aria-label="Monitors" className="space-y-3">
      <UptimeGlance monitors={monitors} className="text-lg" />
      {monitors.length > 0 && (
        <ul
          className={`${CARD} divide-y divide-slate-200 dark:divide-slate-800`}
          onPointerEnter={() => setHovering(true)}
          onPointerLeave={() => setHovering(false)}
        >
          {sorted.map((m) => (
            <MonitorRow key={m.id} monitor={m} now={now} canEdit={canEdit} highlight={now - (changedAt.get(m.id) ?? 0) < HIGHLIGHT_MS} />
          ))}
        </ul>
      )}
    </section>
  );
}
