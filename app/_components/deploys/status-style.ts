import type { AnyStatus } from '@/lib/client/deploys/deploy-format';

/**
 * Whole Tailwind class strings per deploy or step status (Tailwind only sees classes written out).
 * Colour always comes with a word and a glyph.
 */
export const STATUS_BADGE: Record<AnyStatus, string> = {
  queued:
    'border-slate-300 bg-slate-100 text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200',
  running:
    'border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-400/40 dark:bg-sky-400/10 dark:text-sky-300',
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-400/40 dark:bg-emerald-400/10 dark:text-emerald-300',
  failure: 'border-rose-600 bg-rose-600 text-white dark:border-rose-500 dark:bg-rose-600 dark:text-white',
  cancelled:
    'border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-300',
  skipped:
    'border-slate-300 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400',
};

/** Fill of progress bars and timeline bars. */
export const STATUS_FILL: Record<AnyStatus, string> = {
  queued: 'bg-slate-400 dark:bg-slate-500',
  running: 'bg-sky-500',
  success: 'bg-emerald-500',
  failure: 'bg-rose-500',
  cancelled: 'bg-amber-500',
  skipped: 'bg-slate-300 dark:bg-slate-600',
};

/** Text colour of a status word outside a badge. */
export const STATUS_TEXT: Record<AnyStatus, string> = {
  queued: 'text-slate-600 dark:text-slate-300',
  running: 'text-sky-700 dark:text-sky-300',
  success: 'text-emerald-700 dark:text-emerald-400',
  failure: 'text-rose-700 dark:text-rose-400',
  cancelled: 'text-amber-700 dark:text-amber-300',
  skipped: 'text-slate-500 dark:text-slate-400',
};

export function asStatus(status: string): AnyStatus {
  return status in STATUS_BADGE ? (status as AnyStatus) : 'queued';
}

export const CARD = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60';
export const LINK = 'text-sky-700 underline-offset-2 hover:underline dark:text-sky-400';
export const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';
