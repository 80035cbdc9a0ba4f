import { describeLocation } from '@/lib/events/mqtt-topics';
import type { SensorDeviceView } from '@/lib/client/sensors/sensor-schemas';
import { Ago } from './ago';
import { StateBadge } from './state-badge';
import { BUTTON } from './sensor-style';

const ATTENTION = { offline: 0, silent: 1, online: 2 } as const;

/** Devices that need a look first (offline, then silent), then by id. */
function byAttention(a: SensorDeviceView, b: SensorDeviceView): number {
  return ATTENTION[a.state] - ATTENTION[b.state] || a.id.localeCompare(b.id);
}

function formatValue(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 1000 ? value.toFixed(0) : String(Math.round(value * 100) / 100);
}

/**
 * Every device: where it is, online / silent / offline with the reason, when it last sent, and its
 * latest value of each metric. Admins get rotate and revoke.
 */
export function DeviceList({
  devices,
  admin,
  onRotate,
  onRevoke,
}: {
  devices: readonly SensorDeviceView[];
  admin: boolean;
  onRotate: (id: string) => void;
  onRevoke: (id: string) => void;
}) {
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Devices">
      {[...devices].sort(byAttention).map((device) => (
        <li
          key={device.id}
          data-device={device.id}
          className="grid gap-x-4 gap-y-1 px-3 py-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto]"
        >
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <span className="truncate font-mono text-sm font-medium">{device.id}</span>
              <StateBadge state={device.state} />
              {device.source !== 'api' && (
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {device.source === 'file' ? 'DEVICES_FILE' : 'simulator'}
                </span>
              )}
            </div>
            <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={device.topicPrefix}>
              {describeLocation(device.topicPrefix)}
            </div>
          </div>
          <div className="min-w-0 text-xs">
            <div className="flex flex-wrap gap-1.5">
              {device.metrics.length === 0 && (
                <span className="text-slate-500 dark:text-slate-400">no readings yet</span>
              )}
              {device.metrics.map((m) => (
                <span
                  key={m.topic}
                  title={m.topic}
                  className="rounded bg-slate-100 px-1.5 py-px font-mono text-slate-800 tabular-nums dark:bg-slate-800 dark:text-slate-200"
                >
                  {m.metric} <strong>{formatValue(m.lastValue)}</strong>
                </span>
              ))}
            </div>
            <div className="mt-1 text-slate-500 dark:text-slate-400">
              last data <Ago ms={device.lastSeen} />
              {device.statusReason && device.state !== 'online' && <> · {device.statusReason}</>}
            </div>
          </div>
          {admin && (
            <div className="flex items-start gap-1.5 sm:justify-end">
              <button type="button" className={BUTTON} onClick={() => onRotate(device.id)}>
                Rotate password
              </button>
              <button type="button" className={BUTTON} onClick={() => onRevoke(device.id)}>
                Revoke
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
