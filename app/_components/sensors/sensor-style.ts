import type { DeviceStateName } from '@/lib/client/sensors/device-tree';
import type { GlanceTone } from '@/lib/client/sensors/glance';

/** Whole class strings per device state (Tailwind sees them as written); colour always with a word. */
export const STATE_BADGE: Record<DeviceStateName, string> = {
  online:
    'border-emerald-600/30 bg-emerald-50 text-emerald-800 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-300',
  silent:
    'border-amber-600/40 bg-amber-50 text-amber-800 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-300',
  offline:
    'border-rose-600/40 bg-rose-50 text-rose-800 dark:border-rose-400/40 dark:bg-rose-500/15 dark:text-rose-300',
};

export const STATE_DOT: Record<DeviceStateName, string> = {
  online: 'bg-emerald-500',
  silent: 'bg-amber-500',
  offline: 'bg-rose-500',
};

export const STATE_WORD: Record<DeviceStateName, string> = {
  online: 'online',
  silent: 'silent',
  offline: 'offline',
};

export const GLANCE_BOX: Record<GlanceTone, { box: string; dot: string; text: string }> = {
  good: {
    box: 'border-emerald-600/25 bg-emerald-50 dark:border-emerald-400/25 dark:bg-emerald-400/10',
    dot: 'bg-emerald-500',
    text: 'text-emerald-800 dark:text-emerald-300',
  },
  warn: {
    box: 'border-amber-600/30 bg-amber-50 dark:border-amber-400/30 dark:bg-amber-400/10',
    dot: 'bg-amber-500',
    text: 'text-amber-800 dark:text-amber-300',
  },
  bad: {
    box: 'border-rose-600/40 bg-rose-50 dark:border-rose-500/50 dark:bg-rose-500/15',
    dot: 'bg-rose-500',
    text: 'text-rose-800 dark:text-rose-300',
  },
  idle: {
    box: 'border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900',
    dot: 'bg-slate-400 dark:bg-slate-500',
    text: 'text-slate-700 dark:text-slate-200',
  },
};

export const CARD = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60';

/** Line colours (SVG attribute values, legible on both themes); a legend always names each line. */
export const LINE_COLOURS = [
  '#0ea5e9',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#ec4899',
  '#14b8a6',
  '#84cc16',
];

export const BUTTON =
  'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

export const INPUT =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';
