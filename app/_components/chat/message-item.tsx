'use client';

import Link from 'next/link';
import type { ChatMessage } from '@/lib/events/chat-frames';
import type { OutboxItem } from '@/lib/client/chat/chat-state';
import { RelativeTime } from '../live/relative-time';
import { MessageText } from './message-text';

const ROW: Record<'plain' | 'system' | 'alert' | 'mention', string> = {
  plain: '',
  system: 'bg-slate-100/70 dark:bg-slate-800/40',
  alert: 'border-l-2 border-rose-500 bg-rose-50 dark:bg-rose-500/10',
  mention: 'border-l-2 border-amber-500 bg-amber-50 dark:bg-amber-400/10',
};
const LEVEL: Record<'warning' | 'critical', string> = {
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-400/20 dark:text-amber-200',
  critical: 'bg-rose-100 text-rose-900 dark:bg-rose-500/20 dark:text-rose-200',
};
const SMALL_BUTTON =
  'rounded border border-slate-300 px-1.5 py-0.5 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

/** One message: who, when, the text, and for system messages the link to the detail and the alert state. */
export function MessageItem({
  message,
  me,
  mentioned,
  canAck,
  onAck,
  arrived,
}: {
  message: ChatMessage;
  me?: string;
  mentioned: boolean;
  canAck: boolean;
  onAck: (id: number) => void;
  /** Arrived live while shown: glows briefly. */
  arrived: boolean;
}) {
  const tone =
    message.alert && !message.alert.ackedBy
      ? 'alert'
      : mentioned
        ? 'mention'
        : message.system
          ? 'system'
          : 'plain';
  return (
    <li
      data-message-id={message.id}
      data-system={message.system ? '' : undefined}
      data-mention={mentioned ? '' : undefined}
      className={`px-3 py-1.5 ${ROW[tone]} ${arrived ? 'motion-safe:animate-arrive' : ''}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-semibold text-slate-800 dark:text-slate-100">
          {message.user === 'signalboard' && message.system ? 'Signalboard' : message.user}
        </span>
        {message.system && <span className="rounded bg-slate-200 px-1 dark:bg-slate-700">system</span>}
        {mentioned && <span className="font-medium text-amber-700 dark:text-amber-300">mentions you</span>}
        <RelativeTime ms={message.ts} />
      </div>
      <p className="text-sm break-words whitespace-pre-wrap">
        <MessageText text={message.text} me={me} />
      </p>
      {(message.link || message.alert) && (
        <div className="mt-1 flex flex-wrap items-center gap-2 text-xs">
          {message.alert && (
            <span className={`rounded px-1.5 py-0.5 font-medium ${LEVEL[message.alert.level]}`}>
              {message.alert.level === 'critical' ? 'Critical alert' : 'Warning'} #{message.id}
            </span>
          )}
          {message.alert?.ackedBy ? (
            <span data-acked-by={message.alert.ackedBy} className="text-slate-600 dark:text-slate-300">
              Taken by <strong>{message.alert.ackedBy}</strong>
              {message.alert.ackedAt ? (
                <>
                  {' '}
                  <RelativeTime ms={message.alert.ackedAt} />
                </>
              ) : null}
            </span>
          ) : message.alert && canAck ? (
            <button type="button" className={SMALL_BUTTON} onClick={() => onAck(message.id)}>
              Take it (/ack)
            </button>
          ) : message.alert ? (
            <span className="text-slate-600 dark:text-slate-300">Nobody has taken it yet</span>
          ) : null}
          {message.link && (
            <Link
              href={message.link.href}
              className="font-medium text-sky-700 hover:underline dark:text-sky-400"
            >
              {message.link.label} →
            </Link>
          )}
        </div>
      )}
    </li>
  );
}

const PENDING_WORDS: Record<OutboxItem['state'], string> = {
  queued: 'queued: sends when the connection is back',
  sending: 'sending…',
  failed: 'not sent',
};

/** A message of this page that the server has not confirmed yet (or refused). */
export function PendingItem({
  item,
  me,
  onRetry,
  onDiscard,
}: {
  item: OutboxItem;
  me?: string;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const waiting = item.state === 'queued' && item.notBefore !== undefined;
  return (
    <li data-pending={item.state} className="px-3 py-1.5 opacity-75">
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-semibold text-slate-800 dark:text-slate-100">{me ?? 'you'}</span>
        <span className={item.state === 'failed' ? 'text-rose-700 dark:text-rose-400' : 'italic'}>
          {waiting ? 'slowed down: sends in a moment' : PENDING_WORDS[item.state]}
          {item.state === 'failed' && item.error ? `: ${item.error}` : ''}
        </span>
      </div>
      <p className="text-sm break-words whitespace-pre-wrap">
        <MessageText text={item.text} me={me} />
      </p>
      {item.state === 'failed' && (
        <div className="mt-1 flex gap-2">
          <button type="button" className={SMALL_BUTTON} onClick={onRetry}>
            Retry
          </button>
          <button type="button" className={SMALL_BUTTON} onClick={onDiscard}>
            Discard
          </button>
        </div>
      )}
    </li>
  );
}
