/** While the deploys page renders: the shape of the page, so nothing jumps when it arrives. */
export default function DeploysLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-8">
      <span className="sr-only">Loading deploys…</span>
      <div className="space-y-2">
        <div className="h-8 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-4 w-80 max-w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      </div>
      <div className="h-12 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-3 md:grid-cols-2">
        {[0, 1].map((i) => (
          <div key={i} className="h-32 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="h-72 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
