import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/client/safe-next';
import { authenticate } from '@/lib/server/auth/request-auth';
import { LoginForm } from '../_components/auth/login-form';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNextPath((await searchParams).next);
  // Already signed in (e.g. a bookmarked login link): go straight on.
  if (authenticate(await headers())) redirect(next);
  return (
    <main className="grid min-h-screen place-items-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-md bg-sky-500 font-bold text-slate-950"
          >
            S
          </span>
          <span className="text-lg font-semibold tracking-tight">Signalboard</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-xl font-semibold">Sign in</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-400">
            First start? The administrator&apos;s password is{' '}
            <span className="font-mono">SIGNALBOARD_ADMIN_PASSWORD</span> or the one printed once in the
            server log.
          </p>
          <LoginForm next={next} />
        </div>
      </div>
    </main>
  );
}
