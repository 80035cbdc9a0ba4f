'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { NAV_ITEMS, isActive } from './nav-items';

const LINK: Record<'active' | 'idle', string> = {
  active: 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white',
  idle: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800/60 dark:hover:text-white',
};

/**
 * The page menu: a row of links on wide screens, a "Menu" button with a list below the header on
 * narrow ones (phones). The current page is marked with aria-current, not only with colour.
 */
export function MainNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Close the phone menu after navigating (including with keyboard shortcuts).
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const links = (layout: 'row' | 'column') =>
    NAV_ITEMS.map((item) => {
      const active = isActive(item, pathname);
      return (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={active ? 'page' : undefined}
            aria-keyshortcuts={`g ${item.shortcut}`}
            title={`${item.label} (g ${item.shortcut})`}
            className={`block rounded-md px-2.5 py-1.5 text-sm font-medium ${layout === 'column' ? 'py-2.5 text-base' : ''} ${LINK[active ? 'active' : 'idle']}`}
          >
            {item.label}
          </Link>
        </li>
      );
    });

  return (
    <>
      <nav aria-label="Main" className="hidden lg:block">
        <ul className="flex items-center gap-0.5">{links('row')}</ul>
      </nav>
      <button
        type="button"
        className="order-last rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium lg:hidden dark:border-slate-700"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen(!open)}
      >
        {open ? 'Close' : 'Menu'}
      </button>
      {open && (
        <nav
          id="mobile-nav"
          aria-label="Main"
          className="order-last basis-full border-t border-slate-200 pt-2 lg:hidden dark:border-slate-800"
        >
          <ul className="grid grid-cols-2 gap-1">{links('column')}</ul>
        </nav>
      )}
    </>
  );
}
