'use client';

import { useEffect, useRef, useState } from 'react';

/** The signed-in user's name and role, with sign out. */
export function UserMenu({ username, role }: { username: string; role: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const signOut = async () => {
    setError(null);
    try {
      const response = await fetch('/api/auth/logout', { method: 'POST' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      window.location.assign('/login');
    } catch {
      setError('Could not sign out. Check the connection and try again.');
    }
  };

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-controls="user-menu"
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm dark:border-slate-700"
      >
        <span
          aria-hidden="true"
          className="grid size-5 place-items-center rounded-full bg-sky-600 text-[0.65rem] font-bold text-white uppercase"
        >
          {username.slice(0, 1)}
        </span>
        <span className="hidden max-w-32 truncate sm:inline">{username}</span>
        <span className="sr-only sm:hidden">Account: {username}</span>
      </button>
      {open && (
        <div
          id="user-menu"
          className="absolute right-0 z-20 mt-2 w-56 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="truncate text-sm font-medium">{username}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Role: <span data-user-role>{role}</span>
          </p>
          <button
            type="button"
            onClick={signOut}
            className="mt-3 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Sign out
          </button>
          {error && (
            <p role="alert" className="mt-2 text-xs text-rose-700 dark:text-rose-400">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
