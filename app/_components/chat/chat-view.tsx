'use client';

import { useState } from 'react';
import { useChatState } from '@/lib/client/chat/use-chat';
import { ChannelList } from './channel-list';
import { Composer } from './composer';
import { ConnectionBanner } from './connection-banner';
import { MessageList } from './message-list';
import { NotificationToggle } from './notification-toggle';
import { TypingLine } from './typing-line';

const FRAME = {
  page: 'flex h-[calc(100dvh-16.5rem)] min-h-[22rem] md:h-[calc(100dvh-13rem)] md:min-h-[26rem] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white md:grid md:grid-cols-[14rem_1fr] md:grid-rows-[minmax(0,1fr)] dark:border-slate-800 dark:bg-slate-900/60',
  panel: 'flex h-full flex-col overflow-hidden bg-white dark:bg-slate-900',
} as const;

/**
 * The chat: channels and direct messages, the open channel's messages, who is typing, and the message
 * box. `page` lays the channel list beside the messages (above them on a phone); `panel` is the narrow
 * side panel shown beside every page.
 */
export function ChatView({
  variant,
  initialChannel = 'ops',
}: {
  variant: 'page' | 'panel';
  initialChannel?: string;
}) {
  const state = useChatState();
  const [chosen, setChosen] = useState(initialChannel);
  const active = state.channels[chosen] ? chosen : state.channels.ops ? 'ops' : chosen;
  const view = state.channels[active];
  const online = Object.keys(state.presence).length;

  const main = (
    <section aria-label="Conversation" className="flex min-h-0 min-w-0 flex-1 flex-col">
      {variant === 'page' && (
        <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <h2 className="font-semibold" data-chat-title>
            {view ? (view.info.kind === 'dm' ? view.info.title : `#${view.info.title}`) : 'Connecting…'}
          </h2>
          {view?.info.topic && (
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">{view.info.topic}</p>
          )}
          <p className="ml-auto text-xs text-slate-500 dark:text-slate-400" data-online-count={online}>
            {online} online
          </p>
          <NotificationToggle />
        </header>
      )}
      <ConnectionBanner />
      {view ? (
        <MessageList key={active} channel={active} />
      ) : (
        <p className="flex-1 px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
          Connecting to the chat…
        </p>
      )}
      <TypingLine channel={active} />
      <Composer channel={active} title={view?.info.title ?? active} />
    </section>
  );

  if (variant === 'panel') {
    return (
      <div className={FRAME.panel}>
        <ChannelList active={active} onSelect={setChosen} compact />
        {main}
      </div>
    );
  }
  return (
    <div className={FRAME.page}>
      <div className="hidden overflow-y-auto border-r border-slate-200 p-2 md:block dark:border-slate-800">
        <ChannelList active={active} onSelect={setChosen} />
      </div>
      <div className="md:hidden">
        <ChannelList active={active} onSelect={setChosen} compact />
      </div>
      {main}
    </div>
  );
}
