import Link from 'next/link';
import { formatDuration } from '@/lib/client/format-time';
import type { IncidentNote, IncidentView } from '@/lib/server/monitors/types';
import { RelativeTime } from '../live/relative-time';
import { NoteForm } from './note-form';

/** Incidents, open ones first in red; each with its notes and, for operators, a note form. */
export function IncidentList({
  incidents,
  now,
  canEdit,
  showMonitor = false,
  empty,
}: {
  incidents: readonly (IncidentView & { notes?: IncidentNote[] })[];
  now: number;
  canEdit: boolean;
  showMonitor?: boolean;
  empty: string;
}) {
  if (incidents.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ol className="space-y-3">
      {incidents.map((i) => {
        const open = i.resolvedAt === null;
        return (
          <li key={i.id} data-incident={i.id} data-incident-state={open ? 'open' : 'resolved'} className={`rounded-md border p-3 text-sm ${open ? 'border-rose-300 bg-rose-50 dark:border-rose-500/40 dark:bg-rose-500/10' : 'border-slate-200 dark:border-slate-800'}`}>
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className={`font-semibold ${open ? 'text-rose-800 dark:text-rose-300' : ''}`}>{open ? '✕ Open' : '✓ Resolved'}</span>
              {showMonitor && i.monitorId !== null && (
                <Link href={`/uptime/${i.monitorId}`} className="font-medium hover:underline">
                  {i.monitorName}
                </Link>
              )}
              <span className="text-slate-600 dark:text-slate-400">
                began <RelativeTime ms={i.startedAt} />, {open ? `down for ${formatDuration(now - i.startedAt)}` : `lasted ${formatDuration(i.resolvedAt! - i.startedAt)}`}
              </span>
            </p>
            {i.reason && <p className="mt-1 font-mono text-xs break-words text-slate-700 dark:text-slate-300">{i.reason}</p>}
            {i.notes && i.notes.length > 0 && (
              <ul className="mt-2 space-y-1 border-l-2 border-slate-300 pl-3 dark:border-slate-700">
                {i.notes.map((n) => (
                  <li key={n.id} className="text-sm">
                    <span className="font-medium">{n.author}</span> <span className="text-xs text-slate-500">· <RelativeTime ms={n.createdAt} />{n.public ? ' · public' : ''}</span>
                    <p className="whitespace-pre-wrap">{n.text}</p>
                  </li>
                ))}
              </ul>
            )}
            {canEdit && <NoteForm incidentId={i.id} />}
          </li>
        );
      })}
    </ol>
  );
}
