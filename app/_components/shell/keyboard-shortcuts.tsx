'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { ChordReader, isTypingTarget } from '@/lib/client/key-chords';
import { NAV_ITEMS } from './nav-items';

/**
 * `g o/d/l/u/s/c/m/t` jump between pages; `/` focuses the page's search box (an element marked
 * `data-search`), where a page has one. Keys typed into fields are left alone.
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  useEffect(() => {
    const reader = new ChordReader();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      const result = reader.feed(event.key, event.timeStamp);
      if (result?.type === 'go') {
        const item = NAV_ITEMS.find((i) => i.shortcut === result.key);
        if (item) {
          event.preventDefault();
          router.push(item.href);
        }
      } else if (result?.type === 'search') {
        const search = document.querySelector<HTMLElement>('[data-search]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router]);
  return null;
}
