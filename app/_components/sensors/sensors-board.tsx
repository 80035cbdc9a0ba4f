'use client';

import { useMemo, useState } from 'react';
import { buildDeviceTree } from '@/lib/client/sensors/device-tree';
import { sensorsGlance } from '@/lib/client/sensors/glance';
import { revokeDevice, rotateDevice } from '@/lib/client/sensors/sensors-api';
import type { SensorsOverviewView } from '@/lib/client/sensors/sensor-schemas';
import { useSensorsOverview } from '@/lib/client/sensors/use-sensors-overview';
import { useTick } from '@/lib/client/deploys/use-tick';
import { StaleNote } from '../deploys/stale-note';
import { AlertsList } from './alerts-list';
import type { ConnectTarget } from './connect-snippets';
import { DeviceAdmin, type Revealed } from './device-admin';
import { DeviceList } from './device-list';
import { DeviceTreeView } from './device-tree-view';
import { RejectionsPanel } from './rejections-panel';
import { SensorsGlance } from './sensors-glance';
import { CARD } from './sensor-style';

const HOUR_MS = 3_600_000;

/**
 * The live part of the sensors page: the one-line status, the places tree beside the charts (passed
 * in as children), the device list with admin actions, and the alerts. One overview state feeds all.
 */
export function SensorsBoard({
  initial,
  selected,
  range,
  admin,
  target,
  children,
}: {
  initial: SensorsOverviewView;
  selected: string;
  range: string;
  admin: boolean;
  target: ConnectTarget;
  children: React.ReactNode;
}) {
  const overview = useSensorsOverview(initial);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const now = useTick(60_000) || initial.loadedAt;
  const alertsLastHour = overview.alerts.filter((a) => now - a.ts < HOUR_MS).length;
  const glance = sensorsGlance(overview.counts, overview.broker.state === 'up', alertsLastHour);
  const tree = useMemo(() => buildDeviceTree(overview.devices), [overview.devices]);
  const hrefFor = (filter: string) => `/sensors?${new URLSearchParams({ filter, range }).toString()}`;

  const rotate = async (id: string) => {
    const device = overview.devices.find((d) => d.id === id);
    const result = await rotateDevice(id);
    if (!result.ok) return setActionError(`Rotating ${id}: ${result.error}`);
    setActionError(null);
    setRevealed({
      id,
      topicPrefix: device?.topicPrefix ?? 'sensors/…',
      password: result.value,
      what: 'rotated',
    });
  };
  const revoke = async (id: string) => {
    if (!window.confirm(`Revoke ${id}? Its connections close and its password stops working.`)) return;
    const result = await revokeDevice(id);
    if (!result.ok) return setActionError(`Revoking ${id}: ${result.error}`);
    setActionError(null);
    overview.refresh();
  };

  return (
    <div className="space-y-6">
      <SensorsGlance glance={glance} extra={<StaleNote className="sm:ml-auto" />} />
      <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside className={`${CARD} h-fit p-2`} aria-labelledby="places-title">
          <h2 id="places-title" className="px-2 pb-1 text-sm font-semibold">
            Places
          </h2>
          {overview.devices.length === 0 ? (
            <p className="px-2 text-sm text-slate-500 dark:text-slate-400">
              Devices appear here by site, floor and room.
            </p>
          ) : (
            <DeviceTreeView root={tree} hrefFor={hrefFor} selected={selected} />
          )}
        </aside>
        <div className="min-w-0">{children}</div>
      </div>

      <section className={CARD} aria-labelledby="devices-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
          <h2 id="devices-title" className="font-semibold">
            Devices{' '}
            <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
              {overview.counts.total} · trouble = no data for 3 reporting intervals
            </span>
          </h2>
        </div>
        {admin && (
          <details
            className="border-b border-slate-200 p-3 dark:border-slate-800"
            open={revealed !== null || undefined}
          >
            <summary className="cursor-pointer text-sm font-medium">Add a device (admin)</summary>
            <div className="mt-3">
              <DeviceAdmin
                target={target}
                revealed={revealed}
                onRevealed={setRevealed}
                onChanged={overview.refresh}
              />
            </div>
          </details>
        )}
        {actionError && (
          <p role="alert" className="px-3 pt-2 text-sm text-rose-700 dark:text-rose-400">
            {actionError}
          </p>
        )}
        {overview.devices.length === 0 ? (
          <p className="p-3 text-sm text-slate-500 dark:text-slate-400">No devices yet.</p>
        ) : (
          <DeviceList
            devices={overview.devices}
            admin={admin}
            onRotate={(id) => void rotate(id)}
            onRevoke={(id) => void revoke(id)}
          />
        )}
      </section>

      <section className={CARD} aria-labelledby="alerts-title">
        <h2 id="alerts-title" className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800">
          Alerts
        </h2>
        <AlertsList alerts={overview.alerts} />
      </section>

      <section className={CARD} aria-labelledby="rejections-title">
        <h2
          id="rejections-title"
          className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800"
        >
          Rejected messages{' '}
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            not stored, with the reason
          </span>
        </h2>
        <RejectionsPanel rejections={overview.rejections} />
      </section>
    </div>
  );
}
