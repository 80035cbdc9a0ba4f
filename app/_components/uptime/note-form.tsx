'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { addIncidentNote } from '@/lib/client/uptime/monitor-api';
import { BUTTON, INPUT } from './status-style';

/** An operator's note on an incident; "public" notes also show on the status page. */
export function NoteForm({ incidentId }: { incidentId: number }) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await addIncidentNote(incidentId, { text, public: isPublic });
    if (!result.ok) return setError(result.error);
    setText('');
    setError(null);
    router.refresh();
  };
  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`note-${incidentId}`}>
        Add a note
      </label>
      <input id={`note-${incidentId}`} value={text} onChange={(e) => setText(e.target.value)} placeholder="Add a note…" className={`${INPUT} min-w-0 flex-1 py-1`} />
      <label className="flex items-center gap-1 text-xs">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} className="accent-sky-600" /> public
      </label>
      <button type="submit" className={BUTTON} disabled={text.trim() === ''}>
        Add note
      </button>
      {error && <span role="alert" className="basis-full text-xs text-rose-700 dark:text-rose-400">{error}</span>}
    </form>
  );
}
