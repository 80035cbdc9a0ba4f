'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteMonitor, updateMonitor } from '@/lib/client/uptime/monitor-api';
import { BUTTON } from './status-style';

/** Pause or resume; the list refreshes from the server afterwards. */
export function PauseButton({ id, name, paused, onDone }: { id: number; name: string; paused: boolean; onDone?: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    const result = await updateMonitor(id, { paused: !paused });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    onDone?.();
    router.refresh();
  };
  return (
    <span className="inline-flex items-center gap-2">
      {error && <span role="alert" className="text-xs text-rose-700 dark:text-rose-400">{error}</span>}
      <button type="button" className={`${BUTTON} whitespace-nowrap`} onClick={toggle} disabled={busy} aria-label={`${paused ? 'Resume' : 'Pause'} ${name}`}>
        {paused ? '▶ Resume' : 'Ⅱ Pause'}
      </button>
    </span>
  );
}

/** Delete with a confirmation step (no modal: the button asks again in place). */
export function DeleteButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const result = await deleteMonitor(id);
    if (!result.ok) return setError(result.error);
    router.push('/uptime');
    router.refresh();
  };
  if (!confirming) {
    return (
      <button type="button" className={`${BUTTON} text-rose-700 dark:text-rose-400`} onClick={() => setConfirming(true)}>
        Delete…
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs">
      <span>Delete {name} and its history?</span>
      <button type="button" className="rounded-md bg-rose-600 px-2.5 py-1 font-medium text-white hover:bg-rose-500" onClick={remove}>
        Delete
      </button>
      <button type="button" className={BUTTON} onClick={() => setConfirming(false)}>
        Keep
      </button>
      {error && <span role="alert" className="text-rose-700 dark:text-rose-400">{error}</span>}
    </span>
  );
}
