'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { mentions } from '@/lib/client/chat/markdown-lite';
import { useChatState } from '@/lib/client/chat/use-chat';
import { ChatView } from './chat-view';

/**
 * The chat beside every page: a button in the corner with the unread count, opening a side panel
 * (the whole screen on a phone). Hidden on /chat itself. Escape closes it.
 */
export function ChatPanel() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const state = useChatState();
  const me = state.me?.username;
  const { unread, mentioned } = useMemo(() => {
    let unread = 0;
    let mentioned = 0;
    for (const view of Object.values(state.channels)) {
      unread += view.info.unread;
      if (me) {
        mentioned += view.messages.filter(
          (m) => m.id > view.info.lastReadId && m.user !== me && mentions(m.text, me),
        ).length;
      }
    }
    return { unread, mentioned };
  }, [state.channels, me]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (pathname === '/chat') return null;
  const badge = unread >= 999 ? '999+' : String(unread);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="chat-panel"
        onClick={() => setOpen(!open)}
        data-chat-toggle
        className={`fixed right-4 bottom-4 z-30 flex items-center gap-2 rounded-full px-4 py-2 text-sm font-medium shadow-lg ${mentioned ? 'bg-amber-500 text-slate-950 hover:bg-amber-400' : 'bg-sky-600 text-white hover:bg-sky-500'} ${open ? 'max-sm:hidden' : ''}`}
      >
        {open ? 'Close chat' : 'Chat'}
        {unread > 0 && (
          <span className="rounded-full bg-white/90 px-1.5 text-xs font-semibold text-slate-900">
            {badge}
            <span className="sr-only"> unread{mentioned ? `, ${mentioned} mentioning you` : ''}</span>
          </span>
        )}
      </button>
      {open && (
        <aside
          id="chat-panel"
          aria-label="Chat panel"
          className="fixed inset-0 z-40 flex flex-col border-slate-200 shadow-2xl sm:inset-y-0 sm:right-0 sm:left-auto sm:w-[26rem] sm:border-l dark:border-slate-800"
        >
          <div className="flex items-center justify-between border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
            <h2 className="text-sm font-semibold">Chat</h2>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium dark:border-slate-700"
            >
              Close
            </button>
          </div>
          <div className="min-h-0 flex-1">
            <ChatView variant="panel" />
          </div>
        </aside>
      )}
    </>
  );
}
