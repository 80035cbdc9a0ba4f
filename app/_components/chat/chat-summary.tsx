'use client';

import { useEffect } from 'react';
import { useChatConnection, useChatState, useChatStatus } from '@/lib/client/chat/use-chat';
import { RelativeTime } from '../live/relative-time';
import { MessageText } from './message-text';

/** The overview card's glance: unread per channel, who is online, and the newest line in #ops. */
export function ChatSummary() {
  const connection = useChatConnection();
  const state = useChatState();
  const status = useChatStatus();
  const opsLoaded = state.channels.ops?.hasMore !== null;
  // The newest line needs #ops' latest page; the panel and the chat page share what it loads.
  useEffect(() => {
    if (state.synced && !opsLoaded) connection.loadOlder('ops');
  }, [connection, state.synced, opsLoaded]);
  const channels = Object.values(state.channels);
  const unread = channels.reduce((sum, v) => sum + v.info.unread, 0);
  const online = Object.keys(state.presence);
  const last = state.channels.ops?.messages.at(-1);
  if (!state.me) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        {status.kind === 'offline' ? 'Chat offline.' : 'Connecting to the chat…'}
      </p>
    );
  }
  return (
    <div className="space-y-2 text-sm" data-chat-summary>
      <p>
        <strong>{unread === 0 ? 'No unread messages' : `${unread >= 999 ? '999+' : unread} unread`}</strong>
        <span className="text-slate-500 dark:text-slate-400">
          {' · '}
          {online.length} online
          {online.length ? `: ${online.slice(0, 5).join(', ')}${online.length > 5 ? '…' : ''}` : ''}
        </span>
      </p>
      {last && (
        <p className="truncate text-slate-600 dark:text-slate-300">
          <span className="font-medium">{last.user}</span>:{' '}
          <MessageText text={last.text} me={state.me.username} />{' '}
          <RelativeTime ms={last.ts} className="text-xs text-slate-500" />
        </p>
      )}
    </div>
  );
}
