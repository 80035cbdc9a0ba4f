'use client';

import { useChatState } from '@/lib/client/chat/use-chat';
import { useNow } from '@/lib/client/use-now';

/** "ana is typing…" under the messages; fades out a few seconds after the last notice. */
export function TypingLine({ channel }: { channel: string }) {
  const { typing } = useChatState();
  const now = useNow(1_000);
  const who = Object.entries(typing[channel] ?? {})
    .filter(([, until]) => until > now)
    .map(([user]) => user);
  const text =
    who.length === 0
      ? ''
      : who.length === 1
        ? `${who[0]} is typing…`
        : who.length <= 3
          ? `${who.join(', ')} are typing…`
          : 'Several people are typing…';
  return (
    <p aria-live="polite" className="h-5 truncate px-3 text-xs text-slate-500 italic dark:text-slate-400">
      {text}
    </p>
  );
}
