import { STATUS_GLYPHS, statusWord } from '@/lib/client/deploys/deploy-format';
import { STATUS_BADGE, asStatus } from './status-style';

/** A deploy's or step's status: glyph, word and colour together. */
export function StatusBadge({ status, large = false }: { status: string; large?: boolean }) {
  const s = asStatus(status);
  return (
    <span
      data-status={s}
      className={`inline-flex shrink-0 items-center gap-1 rounded-full border font-medium whitespace-nowrap ${STATUS_BADGE[s]} ${large ? 'px-3 py-1 text-sm' : 'px-2 py-px text-xs'}`}
    >
      <span aria-hidden="true">{STATUS_GLYPHS[s]}</span>
      {statusWord(s)}
    </span>
  );
}
