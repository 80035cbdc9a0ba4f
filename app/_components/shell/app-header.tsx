import Link from 'next/link';
import { MainNav } from './main-nav';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

/** The signed-in header: product name, pages, theme and account. */
export function AppHeader({ user }: { user: { username: string; role: string } }) {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="grid size-6 place-items-center rounded-md bg-sky-500 text-xs font-bold text-slate-950"
          >
            S
          </span>
          Signalboard
        </Link>
        <MainNav />
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          <UserMenu username={user.username} role={user.role} />
        </div>
      </div>
    </header>
  );
}
