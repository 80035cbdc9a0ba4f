import type { Metadata } from 'next';
import { StatusBoard } from '../_components/status/status-board';
import { publicSummary } from '@/lib/server/monitors/status-page';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status', description: 'Current status and the last 90 days of our services.' };

/**
 * The public status page: no login, public monitors only. Rendered with its data (first paint needs
 * no request), then kept live over /api/status/events; the JSON behind it is cacheable.
 */
export default function StatusPage() {
  const summary = publicSummary(getDb());
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:py-12">
      <header className="mb-6 flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Service status</h1>
        <span className="text-xs text-slate-500 dark:text-slate-400">Signalboard</span>
      </header>
      <StatusBoard initial={summary} />
      <footer className="mt-10 text-xs text-slate-500 dark:text-slate-400">
        Data: <a href="/api/status/summary" className="underline underline-offset-2">/api/status/summary</a> (JSON) · times in UTC
      </footer>
    </main>
  );
}
