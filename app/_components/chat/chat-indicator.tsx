'use client';

import { useChatConnection, useChatStatus } from '@/lib/client/chat/use-chat';
import { LiveIndicator } from '../live/live-indicator';
import { fromLiveStatus } from '../live/transport-state';

const ACTION_CLASS = 'ml-1 font-medium underline underline-offset-2 hover:no-underline';

/** The chat socket's state in the transport bar: the real connection, with a way to retry now. */
export function ChatIndicator({ label = 'WebSocket chat' }: { label?: string }) {
  const connection = useChatConnection();
  const state = fromLiveStatus(useChatStatus());
  const action =
    state.kind === 'reconnecting' || (state.kind === 'down' && state.reason === 'gave-up') ? (
      <button type="button" className={ACTION_CLASS} onClick={() => connection.retryNow()}>
        Retry now
      </button>
    ) : null;
  return (
    <LiveIndicator
      label={label}
      state={state}
      title="WebSocket: /ws/chat (chat and presence)"
      action={action}
    />
  );
}
