import Link from 'next/link';
import { StreamActivity } from '../live/stream-activity';
import { EmptyState } from '../ui/empty-state';
import type { Panel, SiteAddress } from '../panels/panels';

/**
 * One live area on the overview. Later issues pass their live summary as `children`; until then the
 * card teaches what to connect.
 */
export function SummaryCard({
  panel,
  site,
  children,
}: {
  panel: Panel;
  site: SiteAddress;
  children?: React.ReactNode;
}) {
  return (
    <article
      aria-labelledby={`card-${panel.id}`}
      data-card={panel.id}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60 dark:shadow-none"
    >
      <header className="flex items-baseline justify-between gap-2">
        <h2 id={`card-${panel.id}`} className="text-base font-semibold">
          <Link href={panel.href} className="hover:underline hover:underline-offset-4">
            {panel.title}
          </Link>
        </h2>
        <Link
          href={panel.href}
          className="text-xs text-sky-700 hover:underline dark:text-sky-400"
          aria-label={`Open ${panel.title}`}
        >
          Open →
        </Link>
      </header>
      <StreamActivity stream={panel.stream} />
      {children ?? (
        <EmptyState compact title={panel.emptyTitle}>
          <p>{panel.hint(site)}</p>
        </EmptyState>
      )}
    </article>
  );
}
