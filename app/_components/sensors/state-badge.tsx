import type { DeviceStateName } from '@/lib/client/sensors/device-tree';
import { STATE_BADGE, STATE_DOT, STATE_WORD } from './sensor-style';

/** A device's state as a pill: dot and word. */
export function StateBadge({ state }: { state: DeviceStateName }) {
  return (
    <span
      data-device-state={state}
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-px text-xs font-medium whitespace-nowrap ${STATE_BADGE[state]}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${STATE_DOT[state]}`} />
      {STATE_WORD[state]}
    </span>
  );
}
