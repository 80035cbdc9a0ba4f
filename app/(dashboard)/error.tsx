'use client';

import { useEffect } from 'react';

/** Unexpected failures of a page: say so plainly, keep the shell, offer a retry. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : null;
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-300 bg-rose-50 p-5 dark:border-rose-400/30 dark:bg-rose-400/10"
    >
      <h1 className="text-lg font-semibold text-rose-800 dark:text-rose-300">This page failed to load</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        The live header above still works. Try again; if it keeps failing, the server log has the details
        {digest ? (
          <>
            {' '}
            under <code className="font-mono">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800"
      >
        Try again
      </button>
    </div>
  );
}
