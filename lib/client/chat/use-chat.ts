'use client';

/** React hooks over the page's chat socket (see ChatProvider). */
import { useContext, useSyncExternalStore } from 'react';
import type { LiveStatus } from '../live-machine';
import type { ChatConnection } from './chat-connection';
import { ChatConnectionContext } from './chat-provider';
import { INITIAL_CHAT_STATE, type ChatState } from './chat-state';

const SERVER_STATUS: LiveStatus = { kind: 'connecting', attempt: 0 };

export function useChatConnection(): ChatConnection {
  const connection = useContext(ChatConnectionContext);
  if (!connection) throw new Error('useChatConnection needs a <ChatProvider> above it');
  return connection;
}

/** connected / connecting / reconnecting (with retryAt) / offline, as for the event stream. */
export function useChatStatus(): LiveStatus {
  const connection = useChatConnection();
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus, () => SERVER_STATUS);
}

/** Channels, messages, presence, typing and the outbox; a new object on every change. */
export function useChatState(): ChatState {
  const connection = useChatConnection();
  return useSyncExternalStore(connection.subscribe, connection.getState, () => INITIAL_CHAT_STATE);
}
