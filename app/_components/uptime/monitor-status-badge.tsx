import { STATUS_GLYPH, STATUS_WORD, type ShownStatus } from '@/lib/client/uptime/uptime-format';
import { BADGE } from './status-style';

/** A monitor's status: glyph, word and colour together. */
export function MonitorStatusBadge({ status, large = false }: { status: ShownStatus; large?: boolean }) {
  return (
    <span
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1 rounded-full border font-medium whitespace-nowrap ${BADGE[status]} ${large ? 'px-3 py-1 text-sm' : 'px-2 py-px text-xs'}`}
    >
      <span aria-hidden="true">{STATUS_GLYPH[status]}</span>
      {STATUS_WORD[status]}
    </span>
  );
}
