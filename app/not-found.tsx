import Link from 'next/link';

export const metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center p-6">
      <div className="max-w-md text-center">
        <p className="font-mono text-sm text-slate-500">404</p>
        <h1 className="mt-2 text-2xl font-semibold">No page here</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          The address may be mistyped, or the page may belong to a feature this server does not have yet.
        </p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-sky-600 px-4 py-2 text-sm font-medium text-white hover:bg-sky-700"
        >
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
