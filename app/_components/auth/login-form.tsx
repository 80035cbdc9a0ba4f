'use client';

import { useState } from 'react';

const FIELD =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

/** Posts JSON to /api/auth/login and shows the server's own words when it refuses. */
export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      if (response.ok) {
        // A full load, so that the server renders the shell with the new session.
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      const message =
        typeof body?.error === 'string' ? body.error : `Sign-in failed (HTTP ${response.status}).`;
      const retryAfter = response.headers.get('Retry-After');
      setError(response.status === 429 && retryAfter ? `${message} (about ${retryAfter} s)` : message);
    } catch {
      setError('The server could not be reached. Check the connection and try again.');
    }
    setPending(false);
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="text-sm font-medium">
          Username
        </label>
        <input id="username" name="username" autoComplete="username" required autoFocus className={FIELD} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={FIELD}
        />
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-400/30 dark:bg-rose-400/10 dark:text-rose-300"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-sky-600 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
