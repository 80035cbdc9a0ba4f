'use client';

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { mentions } from '@/lib/client/chat/markdown-lite';
import { useChatConnection, useChatState } from '@/lib/client/chat/use-chat';
import { MessageItem, PendingItem } from './message-item';

const NEAR_BOTTOM_PX = 48;
const PILL =
  'rounded-full border border-sky-600/40 bg-sky-600 px-3 py-1 text-xs font-medium text-white shadow hover:bg-sky-500';

/**
 * A channel's messages, oldest at the top. It follows new messages only while the reader is at the
 * bottom; scrolled up, the view holds still and a pill counts what is waiting below. Older pages load
 * on request without moving what is on screen. Reading at the bottom of a visible page marks it read.
 */
export function MessageList({ channel }: { channel: string }) {
  const connection = useChatConnection();
  const state = useChatState();
  const view = state.channels[channel];
  const me = state.me?.username;
  const canAck = state.me?.role === 'operator' || state.me?.role === 'admin';
  const messages = useMemo(() => view?.messages ?? [], [view?.messages]);
  const pending = state.outbox.filter(
    (o) => o.channel === channel && !messages.some((m) => m.clientId === o.clientId),
  );
  const newestId = messages.at(-1)?.id ?? 0;
  const firstId = messages[0]?.id ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [seenId, setSeenId] = useState(newestId);
  // Only messages that arrive while the list is shown glow; those already there on mount do not.
  const [mountedAt] = useState(newestId);
  const previous = useRef({ firstId, height: 0 });

  // The newest page, the first time a channel is shown after (re)connecting.
  useEffect(() => {
    if (view && view.hasMore === null && state.synced) connection.loadOlder(channel);
  }, [connection, channel, view, state.synced]);

  // Keep the reader's place: stick to the bottom, or hold still when older messages are prepended.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    if (before.firstId && firstId < before.firstId && !atBottom)
      el.scrollTop += el.scrollHeight - before.height;
    else if (atBottom) el.scrollTop = el.scrollHeight;
    previous.current = { firstId, height: el.scrollHeight };
  }, [firstId, newestId, pending.length, atBottom]);

  useEffect(() => {
    if (!atBottom) return;
    setSeenId(newestId);
    const markIfVisible = () => document.visibilityState === 'visible' && connection.markRead(channel);
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [connection, channel, atBottom, newestId]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
  };
  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    setAtBottom(true);
  };
  const waiting = atBottom ? 0 : messages.filter((m) => m.id > seenId).length;

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        className="h-full overflow-y-auto overscroll-contain"
        data-chat-messages={channel}
        aria-label={`Messages in ${view?.info.title ?? channel}`}
        role="log"
        tabIndex={0}
      >
        {view?.hasMore && (
          <div className="flex justify-center py-2">
            <button
              type="button"
              disabled={view.loading}
              onClick={() => connection.loadOlder(channel)}
              className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {view.loading ? 'Loading…' : 'Load earlier messages'}
            </button>
          </div>
        )}
        {messages.length === 0 && pending.length === 0 ? (
          <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
            {view?.loading || view?.hasMore === null
              ? 'Loading messages…'
              : channel === 'ops'
                ? 'No messages in #ops yet. Deploy outcomes, monitors going down or up, and sensor alerts are posted here as they happen.'
                : 'No messages here yet. Say hello below.'}
          </p>
        ) : (
          <ol className="divide-y divide-slate-100 pb-2 dark:divide-slate-800/60">
            {messages.map((message) => (
              <MessageItem
                key={message.id}
                message={message}
                me={me}
                mentioned={!!me && message.user !== me && mentions(message.text, me)}
                canAck={canAck}
                onAck={(id) => connection.send(channel, `/ack ${id}`)}
                arrived={message.id > mountedAt}
              />
            ))}
            {pending.map((item) => (
              <PendingItem
                key={item.clientId}
                item={item}
                me={me}
                onRetry={() => connection.retryMessage(item.clientId)}
                onDiscard={() => connection.discardMessage(item.clientId)}
              />
            ))}
          </ol>
        )}
      </div>
      {waiting > 0 && (
        <div className="pointer-events-none absolute inset-x-0 bottom-2 flex justify-center">
          <button type="button" className={`pointer-events-auto ${PILL}`} onClick={toBottom}>
            {waiting} new message{waiting === 1 ? '' : 's'} ↓
          </button>
        </div>
      )}
    </div>
  );
}
