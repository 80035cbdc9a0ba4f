'use client';

import { useChatConnection, useChatState, useChatStatus } from '@/lib/client/chat/use-chat';
import { useNow } from '@/lib/client/use-now';

const BANNER = {
  warn: 'border-amber-600/30 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200',
  bad: 'border-rose-600/30 bg-rose-50 text-rose-900 dark:border-rose-400/30 dark:bg-rose-500/10 dark:text-rose-200',
} as const;
const ACTION = 'ml-2 font-medium underline underline-offset-2 hover:no-underline';

/**
 * Says what the chat shown can be trusted for: nothing while connected; while reconnecting (with the
 * countdown) or offline, that messages may be stale and that new ones wait in the outbox.
 */
export function ConnectionBanner() {
  const connection = useChatConnection();
  const status = useChatStatus();
  const { outbox, notice } = useChatState();
  const now = useNow(status.kind === 'reconnecting' ? 1_000 : 60_000);
  const queued = outbox.filter((o) => o.state !== 'failed').length;
  const waiting = queued ? ` ${queued} message${queued === 1 ? '' : 's'} will be sent when it is back.` : '';

  let tone: keyof typeof BANNER | null = null;
  let text = '';
  let action: React.ReactNode = null;
  switch (status.kind) {
    case 'connected':
      break;
    case 'connecting':
      if (status.attempt > 0) {
        tone = 'warn';
        text = `Reconnecting… Messages shown may be out of date.${waiting}`;
      }
      break;
    case 'reconnecting': {
      const seconds = now === 0 ? null : Math.max(0, Math.ceil((status.retryAt - now) / 1000));
      tone = 'warn';
      text = `Connection lost. Reconnecting${seconds ? ` in ${seconds} s` : '…'} Messages shown may be out of date.${waiting}`;
      action = (
        <button type="button" className={ACTION} onClick={() => connection.retryNow()}>
          Retry now
        </button>
      );
      break;
    }
    case 'paused':
      break;
    case 'offline':
      tone = 'bad';
      if (status.reason === 'signed-out') {
        text = 'Signed out: sign in again to chat.';
        action = (
          <a className={ACTION} href="/login?next=%2Fchat">
            Sign in
          </a>
        );
      } else if (status.reason === 'network') {
        text = `Offline: no network. Messages shown may be out of date.${waiting}`;
      } else {
        text = `Chat server unreachable; retrying every few minutes.${waiting}`;
        action = (
          <button type="button" className={ACTION} onClick={() => connection.retryNow()}>
            Retry now
          </button>
        );
      }
      break;
  }

  return (
    <>
      {tone && (
        <p data-chat-banner={status.kind} className={`border-b px-3 py-1.5 text-xs ${BANNER[tone]}`}>
          {text}
          {action}
        </p>
      )}
      {notice && (
        <p role="alert" className={`flex items-start gap-2 border-b px-3 py-1.5 text-xs ${BANNER.bad}`}>
          <span className="flex-1">{notice}</span>
          <button type="button" className="font-medium underline" onClick={() => connection.dismissNotice()}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}
