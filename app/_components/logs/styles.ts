/**
 * Class lookup maps for the log views: whole static strings (Tailwind sees them as written),
 * picked by level, container colour index or ANSI palette index.
 */
import type { LogLevel } from '@/lib/client/logs/view-line';

/** Height of one row in px: every row is one line of monospace text (the list windows on it). */
export const ROW_HEIGHT = 20;

export const LEVEL_TAG: Record<LogLevel, { label: string; className: string; title: string }> = {
  trace: { label: 'TRC', className: 'text-slate-400 dark:text-slate-500', title: 'trace' },
  debug: { label: 'DBG', className: 'text-slate-500 dark:text-slate-400', title: 'debug' },
  info: { label: 'INF', className: 'text-sky-700 dark:text-sky-400', title: 'info' },
  warn: { label: 'WRN', className: 'font-semibold text-amber-700 dark:text-amber-300', title: 'warning' },
  error: { label: 'ERR', className: 'font-semibold text-rose-700 dark:text-rose-400', title: 'error' },
  fatal: { label: 'FTL', className: 'rounded-sm bg-rose-600 px-0.5 font-bold text-white', title: 'fatal' },
  unknown: { label: ' · ', className: 'text-slate-400 dark:text-slate-600', title: 'no level detected' },
};

/** A tint for the rows that matter most at a glance. */
export const LEVEL_ROW: Record<LogLevel, string> = {
  trace: '',
  debug: '',
  info: '',
  warn: 'bg-amber-400/[0.07]',
  error: 'bg-rose-500/[0.08]',
  fatal: 'bg-rose-500/[0.16]',
  unknown: '',
};

/** Level filter chips: the selected state carries the level's colour. */
export const LEVEL_CHIP: Record<LogLevel, string> = {
  trace: 'border-slate-400/60 text-slate-600 dark:text-slate-300',
  debug: 'border-slate-400/60 text-slate-700 dark:text-slate-300',
  info: 'border-sky-500/60 text-sky-800 dark:text-sky-300',
  warn: 'border-amber-500/70 text-amber-800 dark:text-amber-300',
  error: 'border-rose-500/70 text-rose-800 dark:text-rose-300',
  fatal: 'border-rose-600 text-rose-900 dark:text-rose-200',
  unknown: 'border-slate-400/60 text-slate-600 dark:text-slate-400',
};

/** One colour per container in merged views (text and dot), assigned by a stable hash of the name. */
export const CONTAINER_COLORS = [
  { text: 'text-sky-700 dark:text-sky-300', dot: 'bg-sky-500' },
  { text: 'text-emerald-700 dark:text-emerald-300', dot: 'bg-emerald-500' },
  { text: 'text-fuchsia-700 dark:text-fuchsia-300', dot: 'bg-fuchsia-500' },
  { text: 'text-orange-700 dark:text-orange-300', dot: 'bg-orange-500' },
  { text: 'text-cyan-700 dark:text-cyan-300', dot: 'bg-cyan-500' },
  { text: 'text-lime-700 dark:text-lime-300', dot: 'bg-lime-500' },
  { text: 'text-violet-700 dark:text-violet-300', dot: 'bg-violet-500' },
  { text: 'text-yellow-700 dark:text-yellow-300', dot: 'bg-yellow-500' },
] as const;

export function containerColor(name: string): (typeof CONTAINER_COLORS)[number] {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return CONTAINER_COLORS[Math.abs(hash) % CONTAINER_COLORS.length]!;
}

/** The terminal's 16 colours, readable on both themes (dark: the usual palette; light: deeper shades). */
export const ANSI_FG = [
  'text-slate-900 dark:text-slate-500',
  'text-red-700 dark:text-red-400',
  'text-green-700 dark:text-green-400',
  'text-amber-700 dark:text-yellow-300',
  'text-blue-700 dark:text-blue-400',
  'text-fuchsia-700 dark:text-fuchsia-400',
  'text-cyan-700 dark:text-cyan-400',
  'text-slate-600 dark:text-slate-200',
  'text-slate-500 dark:text-slate-400',
  'text-red-600 dark:text-red-300',
  'text-green-600 dark:text-green-300',
  'text-amber-600 dark:text-yellow-200',
  'text-blue-600 dark:text-blue-300',
  'text-fuchsia-600 dark:text-fuchsia-300',
  'text-cyan-600 dark:text-cyan-300',
  'text-slate-900 dark:text-white',
] as const;

export const ANSI_BG = [
  'bg-slate-900/80',
  'bg-red-500/30',
  'bg-green-500/30',
  'bg-yellow-500/30',
  'bg-blue-500/30',
  'bg-fuchsia-500/30',
  'bg-cyan-500/30',
  'bg-slate-300/60 dark:bg-slate-200/30',
  'bg-slate-500/40',
  'bg-red-400/30',
  'bg-green-400/30',
  'bg-yellow-300/30',
  'bg-blue-400/30',
  'bg-fuchsia-400/30',
  'bg-cyan-400/30',
  'bg-white/60 dark:bg-white/30',
] as const;

/** A container's state in words, with a tone. */
export const STATE_TONE: Record<string, string> = {
  running: 'text-emerald-700 dark:text-emerald-400',
  pushed: 'text-sky-700 dark:text-sky-400',
  restarting: 'text-amber-700 dark:text-amber-300',
  paused: 'text-amber-700 dark:text-amber-300',
  created: 'text-slate-600 dark:text-slate-400',
  exited: 'text-rose-700 dark:text-rose-400',
  dead: 'text-rose-700 dark:text-rose-400',
  removed: 'text-slate-500 dark:text-slate-500',
  removing: 'text-slate-500 dark:text-slate-500',
  unknown: 'text-slate-500 dark:text-slate-500',
};
