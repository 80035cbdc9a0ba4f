'use client';

import { LOG_LEVELS } from '@/lib/events';
import type { LogLevel } from '@/lib/client/logs/view-line';
import { LEVEL_CHIP } from './styles';

const NAMES: Record<LogLevel, string> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
  unknown: 'no level',
};

/** Which levels to receive (the server filters; none selected means all). */
export function LevelPicker({
  selected,
  onChange,
}: {
  selected: readonly LogLevel[];
  onChange: (next: LogLevel[]) => void;
}) {
  const toggle = (level: LogLevel) =>
    onChange(selected.includes(level) ? selected.filter((l) => l !== level) : [...selected, level]);
  return (
    <div role="group" aria-label="Levels" className="flex flex-wrap items-center gap-1">
      {LOG_LEVELS.map((level) => (
        <button
          key={level}
          type="button"
          data-level-chip={level}
          aria-pressed={selected.includes(level)}
          onClick={() => toggle(level)}
          className={`rounded border px-1.5 py-0.5 text-[11px] opacity-60 aria-pressed:bg-slate-100 aria-pressed:opacity-100 dark:aria-pressed:bg-slate-800 ${LEVEL_CHIP[level]}`}
        >
          {NAMES[level]}
        </button>
      ))}
      {selected.length > 0 && (
        <button
          type="button"
          onClick={() => onChange([])}
          className="ml-1 text-[11px] text-slate-500 underline"
        >
          all levels
        </button>
      )}
    </div>
  );
}
