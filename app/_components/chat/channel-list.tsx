'use client';

import { useState } from 'react';
import { channelNameSchema, dmKey } from '@/lib/events/chat-frames';
import type { ChannelView } from '@/lib/client/chat/chat-state';
import { useChatConnection, useChatState } from '@/lib/client/chat/use-chat';

const ITEM: Record<'active' | 'idle', string> = {
  active: 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white',
  idle: 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800/60',
};
const PRESENCE_DOT: Record<'online' | 'away' | 'offline', string> = {
  online: 'bg-emerald-500',
  away: 'bg-amber-400',
  offline: 'border border-slate-400 bg-transparent dark:border-slate-500',
};
const INPUT =
  'w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

export function unreadLabel(unread: number): string {
  return unread >= 999 ? '999+' : String(unread);
}

/** Channels first, then direct messages; unread counts in words for screen readers. */
export function ChannelList({
  active,
  onSelect,
  compact = false,
}: {
  active: string;
  onSelect: (key: string) => void;
  compact?: boolean;
}) {
  const state = useChatState();
  const views = Object.values(state.channels);
  const channels = views
    .filter((v) => v.info.kind === 'channel')
    .sort((a, b) => a.info.key.localeCompare(b.info.key));
  const dms = views
    .filter((v) => v.info.kind === 'dm')
    .sort((a, b) => a.info.title.localeCompare(b.info.title));

  const item = (view: ChannelView) => {
    const { key, title, unread } = view.info;
    const isDm = view.info.kind === 'dm';
    const presence = isDm ? (state.presence[title] ?? 'offline') : null;
    return (
      <li key={key} className={compact ? 'shrink-0' : ''}>
        <button
          type="button"
          onClick={() => onSelect(key)}
          aria-current={key === active ? 'true' : undefined}
          data-channel={key}
          className={`flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm ${ITEM[key === active ? 'active' : 'idle']} ${unread ? 'font-semibold' : ''}`}
        >
          {presence ? (
            <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${PRESENCE_DOT[presence]}`} />
          ) : (
            <span aria-hidden="true" className="text-slate-400">
              #
            </span>
          )}
          <span className="truncate">{title}</span>
          {presence && <span className="sr-only">({presence})</span>}
          {unread > 0 && (
            <span
              data-unread={unread}
              className="ml-auto rounded-full bg-sky-600 px-1.5 text-[11px] leading-4 font-semibold text-white"
            >
              {unreadLabel(unread)}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </button>
      </li>
    );
  };

  if (compact) {
    return (
      <nav
        aria-label="Channels"
        className="overflow-x-auto border-b border-slate-200 px-2 py-1.5 dark:border-slate-800"
      >
        <ul className="flex gap-1">{[...channels, ...dms].map(item)}</ul>
      </nav>
    );
  }
  return (
    <nav aria-label="Channels" className="space-y-4 text-sm">
      <section>
        <h2 className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Channels</h2>
        <ul className="space-y-0.5">{channels.map(item)}</ul>
        {(state.me?.role === 'operator' || state.me?.role === 'admin') && <NewChannel />}
      </section>
      <section>
        <h2 className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Direct messages
        </h2>
        {dms.length > 0 && <ul className="space-y-0.5">{dms.map(item)}</ul>}
        <NewDm onOpened={onSelect} />
      </section>
      <section aria-labelledby="chat-online">
        <h2
          id="chat-online"
          className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase"
        >
          Online now
        </h2>
        <ul className="space-y-0.5 px-2 text-xs text-slate-600 dark:text-slate-300" data-online>
          {Object.entries(state.presence)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([user, status]) => (
              <li key={user} className="flex items-center gap-2">
                <span aria-hidden="true" className={`size-2 rounded-full ${PRESENCE_DOT[status]}`} />
                {user}
                {user === state.me?.username ? ' (you)' : ''}
                {status === 'away' && <span className="text-slate-500"> away</span>}
              </li>
            ))}
        </ul>
      </section>
    </nav>
  );
}

function NewChannel() {
  const connection = useChatConnection();
  const [name, setName] = useState('');
  const parsed = channelNameSchema.safeParse(name);
  return (
    <form
      className="mt-2 flex gap-1 px-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed.success) return;
        connection.createChannel(parsed.data);
        setName('');
      }}
    >
      <input
        aria-label="New channel name"
        placeholder="new-channel"
        value={name}
        onChange={(event) => setName(event.target.value)}
        className={INPUT}
      />
      <button
        type="submit"
        disabled={!parsed.success}
        className="rounded-md border border-slate-300 px-2 text-xs font-medium disabled:opacity-50 dark:border-slate-700"
      >
        Add
      </button>
    </form>
  );
}

function NewDm({ onOpened }: { onOpened: (key: string) => void }) {
  const connection = useChatConnection();
  const state = useChatState();
  const me = state.me?.username;
  const others = state.users.filter((u) => u !== me && !state.channels[dmKey(me ?? '', u)]);
  if (!me || others.length === 0) return null;
  return (
    <label className="mt-2 block px-2">
      <span className="sr-only">Message a user</span>
      <select
        className={INPUT}
        value=""
        onChange={(event) => {
          if (!event.target.value) return;
          connection.openDm(event.target.value);
          onOpened(dmKey(me, event.target.value));
        }}
      >
        <option value="">Message a user…</option>
        {others.map((u) => (
          <option key={u} value={u}>
            {u}
            {state.presence[u] ? ` (${state.presence[u]})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
