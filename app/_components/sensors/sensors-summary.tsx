'use client';

import { useState } from 'react';
import { sensorsGlance } from '@/lib/client/sensors/glance';
import { useLiveEvent } from '@/lib/client/use-live-events';
import type { SensorsCardData } from '@/lib/server/sensors/overview';
import { Ago } from './ago';
import { GLANCE_BOX } from './sensor-style';

/** The overview's Sensors card: "11/12 devices online · 1 silent", live, and the latest alerts. */
export function SensorsSummary({ initial, empty }: { initial: SensorsCardData; empty: React.ReactNode }) {
  const [states, setStates] = useState(() => new Map(initial.states.map((s) => [s.id, s.state])));
  const [alerts, setAlerts] = useState(initial.alerts);

  useLiveEvent('device-status', (event) => {
    const d = event.data;
    setStates((current) => new Map(current).set(d.deviceId, d.state ?? (d.online ? 'online' : 'offline')));
  });
  useLiveEvent('sensor-alert', (event) => {
    setAlerts((list) => [{ id: event.id ?? 0, ts: event.ts, ...event.data }, ...list].slice(0, 3));
  });

  if (states.size === 0) return <>{empty}</>;
  const counts = { total: states.size, online: 0, silent: 0, offline: 0 };
  for (const state of states.values()) counts[state]++;
  const glance = sensorsGlance(counts, initial.brokerUp);
  const tone = GLANCE_BOX[glance.tone];
  return (
    <div className="space-y-2 text-sm" data-sensors-card={glance.tone}>
      <p className={`flex flex-wrap items-center gap-x-2 rounded border px-2 py-1 ${tone.box}`}>
        <span aria-hidden="true" className={`size-2 rounded-full ${tone.dot}`} />
        <strong className={tone.text}>{glance.headline}</strong>
        {glance.details.map((d) => (
          <span key={d} className="text-slate-700 dark:text-slate-300">
            · {d}
          </span>
        ))}
      </p>
      {alerts.length > 0 && (
        <ul className="space-y-0.5 text-xs" aria-label="Latest sensor alerts">
          {alerts.map((a) => (
            <li key={`${a.id}-${a.ts}`} className="flex flex-wrap gap-x-1.5">
              <span
                className={
                  a.level === 'critical'
                    ? 'font-semibold text-rose-700 dark:text-rose-400'
                    : 'font-semibold text-amber-700 dark:text-amber-300'
                }
              >
                {a.level}
              </span>
              <span className="font-mono">{a.deviceId}</span>
              <span>
                {a.metric} {a.value}
              </span>
              <Ago ms={a.ts} className="text-slate-500 dark:text-slate-400" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
