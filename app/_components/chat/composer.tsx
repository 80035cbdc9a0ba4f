'use client';

import { useState } from 'react';
import { MAX_TEXT } from '@/lib/events/chat-frames';
import { useChatConnection, useChatState, useChatStatus } from '@/lib/client/chat/use-chat';

/**
 * The message box. Enter sends, Shift+Enter adds a line. Sending never waits for the network: the
 * message goes to the outbox and is shown as queued until the server confirms it.
 */
export function Composer({ channel, title }: { channel: string; title: string }) {
  const connection = useChatConnection();
  const status = useChatStatus();
  const { synced } = useChatState();
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const tooLong = trimmed.length > MAX_TEXT;
  const label = channel.startsWith('dm:') ? `Message ${title}` : `Message #${title}`;

  const submit = () => {
    if (!trimmed || tooLong) return;
    connection.send(channel, trimmed);
    setText('');
  };

  return (
    <form
      className="border-t border-slate-200 p-2 dark:border-slate-800"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex items-end gap-2">
        <textarea
          aria-label={label}
          placeholder={label}
          rows={1}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) connection.typing(channel);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
          className="max-h-40 min-h-9 flex-1 resize-y rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <button
          type="submit"
          disabled={!trimmed || tooLong}
          className="h-9 shrink-0 rounded-md bg-sky-600 px-3 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
        >
          {status.kind === 'connected' && synced ? 'Send' : 'Queue'}
        </button>
      </div>
      <p className="mt-1 flex flex-wrap gap-x-3 text-[11px] text-slate-500 dark:text-slate-400">
        <span className="hidden sm:inline">
          Enter sends · Shift+Enter new line · **bold** `code` links @name
        </span>
        <span>/ack takes the newest alert</span>
        {tooLong && (
          <span role="alert" className="text-rose-700 dark:text-rose-400">
            {trimmed.length - MAX_TEXT} characters over the {MAX_TEXT} limit
          </span>
        )}
      </p>
    </form>
  );
}
