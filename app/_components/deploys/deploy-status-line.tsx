import type { StatusLine, StatusTone } from '@/lib/client/deploys/deploy-summary';

const TONE: Record<StatusTone, { box: string; dot: string; text: string }> = {
  bad: {
    box: 'border-rose-600/40 bg-rose-50 dark:border-rose-500/50 dark:bg-rose-500/15',
    dot: 'bg-rose-500',
    text: 'text-rose-800 dark:text-rose-300',
  },
  busy: {
    box: 'border-sky-600/30 bg-sky-50 dark:border-sky-400/30 dark:bg-sky-400/10',
    dot: 'bg-sky-500 motion-safe:animate-pulse',
    text: 'text-sky-800 dark:text-sky-300',
  },
  good: {
    box: 'border-emerald-600/25 bg-emerald-50 dark:border-emerald-400/25 dark:bg-emerald-400/10',
    dot: 'bg-emerald-500',
    text: 'text-emerald-800 dark:text-emerald-300',
  },
  idle: {
    box: 'border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900',
    dot: 'bg-slate-400 dark:bg-slate-500',
    text: 'text-slate-700 dark:text-slate-200',
  },
};

const FAILED_TEXT = {
  some: 'font-semibold text-rose-700 dark:text-rose-400',
  none: 'text-slate-700 dark:text-slate-300',
} as const;

const TONE_WORD: Record<StatusTone, string> = {
  bad: 'Needs attention',
  busy: 'Deploying',
  good: 'All good',
  idle: 'Idle',
};

/** The page's one-line answer: "2 deploys running · 1 failed in the last 24 h", in words and colour. */
export function DeployStatusLine({ line, extra }: { line: StatusLine; extra?: React.ReactNode }) {
  const tone = TONE[line.tone];
  return (
    <div
      data-deploy-glance={line.tone}
      className={`flex flex-col items-start gap-x-2 gap-y-0.5 rounded-lg border px-4 py-3 text-base sm:flex-row sm:flex-wrap sm:items-center ${tone.box}`}
    >
      {/* On a phone each part gets its own line; the dots only separate them on one line. */}
      <span className="flex items-center gap-2">
        <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${tone.dot}`} />
        <strong className={`font-semibold ${tone.text}`}>{TONE_WORD[line.tone]}</strong>
        <span aria-hidden="true" className="hidden text-slate-400 sm:inline">
          ·
        </span>
      </span>
      <span className="font-medium text-slate-800 dark:text-slate-100" data-running-summary>
        {line.running}
      </span>
      {line.failed && (
        <>
          <span aria-hidden="true" className="hidden text-slate-400 sm:inline">
            ·
          </span>
          <span data-failed-summary className={FAILED_TEXT[line.failedCount > 0 ? 'some' : 'none']}>
            {line.failed}
          </span>
        </>
      )}
      {extra}
    </div>
  );
}
