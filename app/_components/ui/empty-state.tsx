/**
 * An empty state that teaches: what will appear here, and what to connect to make it appear.
 */
export function EmptyState({
  title,
  children,
  compact = false,
}: {
  title: string;
  children: React.ReactNode;
  /** Card size (overview) instead of page size. */
  compact?: boolean;
}) {
  return (
    <div
      className={
        compact
          ? 'rounded-md border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700'
          : 'rounded-lg border border-dashed border-slate-300 bg-white/50 p-5 dark:border-slate-700 dark:bg-slate-900/30'
      }
    >
      <p className={compact ? 'font-medium text-slate-800 dark:text-slate-100' : 'text-base font-semibold'}>
        {title}
      </p>
      <div className="mt-1.5 space-y-3 text-sm leading-relaxed text-slate-600 dark:text-slate-400">
        {children}
      </div>
    </div>
  );
}

/** Inline code inside explanatory text. */
export function Code({ children }: { children: React.ReactNode }) {
  return (
    <code className="rounded bg-slate-200/70 px-1 py-px font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </code>
  );
}
