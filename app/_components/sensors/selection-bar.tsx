'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { checkTopicFilter } from '@/lib/events/mqtt-topics';
import { SENSOR_RANGES, SENSOR_RANGE_IDS, type SensorRange } from '@/lib/events/sensor-ranges';
import { BUTTON, INPUT } from './sensor-style';

const TAB = {
  on: 'border-sky-600 bg-sky-600 text-white dark:border-sky-500 dark:bg-sky-600',
  off: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800',
} as const;

/** What is charted: an MQTT filter over metric topics (typed, or a preset) and a time range, kept in the URL. */
export function SelectionBar({
  filter,
  range,
  presets,
}: {
  filter: string;
  range: SensorRange;
  presets: readonly { label: string; filter: string }[];
}) {
  const router = useRouter();
  const [text, setText] = useState(filter);
  const [error, setError] = useState<string | null>(null);
  const href = (f: string, r: SensorRange) =>
    `/sensors?${new URLSearchParams({ filter: f, range: r }).toString()}`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    const check = checkTopicFilter(value);
    if (!check.ok) return setError(`Not an MQTT filter: ${check.error}.`);
    setError(null);
    router.push(href(value, range), { scroll: false });
  };

  return (
    <div className="space-y-2">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2" aria-label="Select series">
        <label htmlFor="series-filter" className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Topic filter
        </label>
        <input
          id="series-filter"
          className={`${INPUT} min-w-0 flex-1 font-mono`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          aria-describedby="filter-help"
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className={BUTTON}>
          Show
        </button>
      </form>
      <p
        id="filter-help"
        className={
          error ? 'text-xs text-rose-700 dark:text-rose-400' : 'text-xs text-slate-500 dark:text-slate-400'
        }
      >
        {error ?? (
          <>
            MQTT wildcards over <code>&lt;place&gt;/&lt;metric&gt;</code>: <code>+</code> one level,{' '}
            <code>#</code> everything below.
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-1.5">
        {presets.map((p) => (
          <Link
            key={p.filter}
            href={href(p.filter, range)}
            scroll={false}
            className={`rounded-full border px-2 py-0.5 font-mono text-xs ${p.filter === filter ? TAB.on : TAB.off}`}
          >
            {p.label}
          </Link>
        ))}
      </div>
      <div role="group" aria-label="Time range" className="flex flex-wrap gap-1">
        {SENSOR_RANGE_IDS.map((id) => (
          <Link
            key={id}
            href={href(filter, id)}
            scroll={false}
            aria-current={id === range ? 'true' : undefined}
            className={`rounded border px-2 py-0.5 text-xs font-medium ${id === range ? TAB.on : TAB.off}`}
          >
            {SENSOR_RANGES[id].label}
          </Link>
        ))}
      </div>
    </div>
  );
}
