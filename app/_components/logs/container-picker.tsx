'use client';

import type { ContainerInfo } from '@/lib/client/logs/logs-api';
import { STATE_TONE, containerColor } from './styles';

const CHIP =
  'inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs transition-colors aria-pressed:border-sky-500 aria-pressed:bg-sky-50 dark:aria-pressed:bg-sky-500/15';

/**
 * Which containers to tail: every one with its colour, state in words and error count. None
 * selected means all of them, merged.
 */
export function ContainerPicker({
  containers,
  selected,
  onChange,
}: {
  containers: readonly ContainerInfo[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const toggle = (name: string) =>
    onChange(selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name]);
  return (
    <div role="group" aria-label="Containers" className="flex flex-wrap items-center gap-1.5">
      <button
        type="button"
        aria-pressed={selected.length === 0}
        onClick={() => onChange([])}
        className={`${CHIP} border-slate-300 dark:border-slate-700`}
      >
        All containers
      </button>
      {containers.map((c) => {
        const color = containerColor(c.name);
        const state = c.source === 'push' ? 'pushed' : c.state;
        return (
          <button
            key={c.name}
            type="button"
            data-container={c.name}
            aria-pressed={selected.includes(c.name)}
            onClick={() => toggle(c.name)}
            title={[
              c.image,
              c.status,
              c.dockerId && `id ${c.dockerId}`,
              c.following ? 'following' : 'not followed',
            ]
              .filter(Boolean)
              .join(' · ')}
            className={`${CHIP} border-slate-300 dark:border-slate-700`}
          >
            <span aria-hidden className={`size-2 rounded-full ${color.dot}`} />
            <span className="font-mono font-medium">{c.name}</span>
            <span className={STATE_TONE[state] ?? STATE_TONE.unknown}>{state}</span>
            {c.errors > 0 && (
              <span className="rounded-sm bg-rose-500/15 px-1 text-rose-800 dark:text-rose-300">
                {c.errors.toLocaleString('en')} err
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
