'use client';

import { useState } from 'react';
import { checkTopicFilter } from '@/lib/events/mqtt-topics';
import { addThreshold, removeThreshold } from '@/lib/client/sensors/sensors-api';
import type { ThresholdView } from '@/lib/client/sensors/sensor-schemas';
import { BUTTON, INPUT } from './sensor-style';

/**
 * Thresholds over metric topics: crossing one raises a `sensor-alert` (here, on the overview and in
 * #ops). Operators add and remove them; viewers read them.
 */
export function ThresholdsPanel({
  initial,
  canEdit,
  suggestion,
}: {
  initial: readonly ThresholdView[];
  canEdit: boolean;
  suggestion: string;
}) {
  const [thresholds, setThresholds] = useState(initial);
  const [filter, setFilter] = useState(suggestion);
  const [direction, setDirection] = useState<'above' | 'below'>('above');
  const [value, setValue] = useState('');
  const [level, setLevel] = useState<'warning' | 'critical'>('warning');
  const [error, setError] = useState<string | null>(null);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const check = checkTopicFilter(filter.trim());
    const number = Number(value);
    if (!check.ok) return setError(`Filter: ${check.error}.`);
    if (value.trim() === '' || !Number.isFinite(number)) return setError('Value must be a number.');
    const result = await addThreshold({ filter: filter.trim(), direction, value: number, level });
    if (!result.ok) return setError(result.error);
    setError(null);
    setValue('');
    setThresholds((list) => [...list, result.value]);
  };

  const remove = async (id: number) => {
    const result = await removeThreshold(id);
    if (!result.ok) return setError(result.error);
    setThresholds((list) => list.filter((t) => t.id !== id));
  };

  return (
    <div className="space-y-3 p-3">
      {thresholds.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No thresholds. {canEdit ? 'Add one below, e.g. temperature above 28.' : 'An operator can add them.'}
        </p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Thresholds">
          {thresholds.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-2">
              <code className="font-mono break-all">{t.filter}</code>
              <span>
                {t.direction} <strong className="tabular-nums">{t.value}</strong> → {t.level}
              </span>
              {canEdit && (
                <button
                  type="button"
                  className={`${BUTTON} ml-auto`}
                  onClick={() => void remove(t.id)}
                  aria-label={`Remove threshold ${t.filter} ${t.direction} ${t.value}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          onSubmit={(e) => void add(e)}
          className="flex flex-wrap items-end gap-2"
          aria-label="Add a threshold"
        >
          <label className="flex min-w-0 basis-full flex-col gap-1 text-xs font-medium text-slate-600 sm:flex-1 sm:basis-auto dark:text-slate-300">
            Metric topics
            <input
              className={`${INPUT} w-full min-w-48 font-mono`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              spellCheck={false}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            When
            <select
              className={INPUT}
              value={direction}
              onChange={(e) => setDirection(e.target.value as 'above' | 'below')}
            >
              <option value="above">above</option>
              <option value="below">below</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Value
            <input
              className={`${INPUT} w-24`}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Level
            <select
              className={INPUT}
              value={level}
              onChange={(e) => setLevel(e.target.value as 'warning' | 'critical')}
            >
              <option value="warning">warning</option>
              <option value="critical">critical</option>
            </select>
          </label>
          <button type="submit" className={BUTTON}>
            Add threshold
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
