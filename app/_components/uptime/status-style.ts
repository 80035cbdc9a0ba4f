import type { ShownStatus } from '@/lib/client/uptime/uptime-format';

/** Whole Tailwind class strings per monitor status (Tailwind only sees classes written out). */
export const BADGE: Record<ShownStatus, string> = {
  up: 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-400/40 dark:bg-emerald-400/10 dark:text-emerald-300',
  down: 'border-rose-600 bg-rose-600 text-white dark:border-rose-500 dark:bg-rose-600 dark:text-white',
  pending: 'border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-300',
  maintenance: 'border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-400/40 dark:bg-sky-400/10 dark:text-sky-300',
  paused: 'border-slate-300 bg-slate-100 text-slate-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-300',
};

export const TEXT: Record<ShownStatus, string> = {
  up: 'text-emerald-700 dark:text-emerald-400',
  down: 'text-rose-700 dark:text-rose-400',
  pending: 'text-amber-700 dark:text-amber-300',
  maintenance: 'text-sky-700 dark:text-sky-300',
  paused: 'text-slate-500 dark:text-slate-400',
};

export const TONE_TEXT = {
  good: 'text-emerald-700 dark:text-emerald-400',
  bad: 'text-rose-700 dark:text-rose-400',
  warn: 'text-amber-700 dark:text-amber-300',
  none: 'text-slate-700 dark:text-slate-300',
} as const;

/** Fill of a day bar, by the day's state. */
export const BAR_FILL = {
  up: 'bg-emerald-500',
  degraded: 'bg-amber-400',
  down: 'bg-rose-500',
  maintenance: 'bg-sky-400',
  none: 'bg-slate-300 dark:bg-slate-700',
} as const;

export const CARD = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60';
export const LINK = 'text-sky-700 underline-offset-2 hover:underline dark:text-sky-400';
export const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';
export const PRIMARY =
  'rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50 dark:bg-sky-500 dark:hover:bg-sky-400';
export const INPUT =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';
