/** A page's title line: heading, one sentence of purpose, and the live indicator for its stream. */
export function PageHeader({
  title,
  description,
  indicator,
}: {
  title: string;
  description: string;
  indicator?: React.ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      {indicator}
    </header>
  );
}
