import { countStatuses, glanceDetails, glanceLine } from '@/lib/client/uptime/uptime-format';
import type { MonitorStatus } from '@/lib/server/monitors/types';
import { TONE_TEXT } from './status-style';

const GLYPH = { good: '●', bad: '✕', warn: '◐', none: '○' } as const;

/** The page's one-line answer: "2 monitors down · 1 in maintenance", in words and colour. */
export function UptimeGlance({ monitors, className = '' }: { monitors: readonly { status: MonitorStatus; paused: boolean }[]; className?: string }) {
  const counts = countStatuses(monitors);
  const line = glanceLine(counts);
  const details = glanceDetails(counts);
  return (
    <p className={`flex flex-wrap items-baseline gap-x-2 ${className}`} data-uptime-glance={line.tone} role="status">
      <span className={`font-semibold ${TONE_TEXT[line.tone]}`}>
        <span aria-hidden="true">{GLYPH[line.tone]} </span>
        {line.text}
      </span>
      {details.map((d) => (
        <span key={d} className="text-sm text-slate-600 dark:text-slate-400">
          · {d}
        </span>
      ))}
    </p>
  );
}
