import Link from 'next/link';

/** A deploy id nobody reported (a typo, or a deploy pruned by the retention). */
export default function DeployNotFound() {
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900/60">
      <h1 className="text-lg font-semibold">No such deploy</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No deploy with this id has been reported, or it is older than the history kept (
        <code className="font-mono">DEPLOY_RETENTION_DAYS</code>, 90 days by default).
      </p>
      <Link href="/deploys" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
        ← All deploys
      </Link>
    </div>
  );
}
