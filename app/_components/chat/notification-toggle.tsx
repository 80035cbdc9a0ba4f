'use client';

import { useEffect, useState } from 'react';

type Permission = NotificationPermission | 'unsupported' | 'unknown';

/** Asks for browser notifications (used for @mentions while the page is in the background). */
export function NotificationToggle() {
  const [permission, setPermission] = useState<Permission>('unknown');
  useEffect(() => {
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);
  if (permission === 'unknown' || permission === 'unsupported') return null;
  if (permission === 'granted') {
    return <span className="text-xs text-slate-500 dark:text-slate-400">Mentions notify</span>;
  }
  if (permission === 'denied') {
    return (
      <span className="text-xs text-slate-500 dark:text-slate-400">
        Notifications blocked in this browser
      </span>
    );
  }
  return (
    <button
      type="button"
      className="text-xs font-medium text-sky-700 underline underline-offset-2 hover:no-underline dark:text-sky-400"
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      Notify me of mentions
    </button>
  );
}
