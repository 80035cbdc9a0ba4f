'use client';

import { useSyncExternalStore } from 'react';

type Theme = 'dark' | 'light';
const STORAGE_KEY = 'sb-theme';
const listeners = new Set<() => void>();

function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be off (private mode): the theme still applies for this page.
  }
  listeners.forEach((l) => l());
}

/** Dark (the default, for wall screens) or light; remembered in localStorage. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentTheme,
    (): Theme => 'dark',
  );
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-theme-toggle={theme}
      className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm dark:border-slate-700"
    >
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="ml-1.5 hidden sm:inline">{theme === 'dark' ? 'Dark' : 'Light'}</span>
    </button>
  );
}
