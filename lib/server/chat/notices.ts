import 'server-only';
import { processWide } from '../process-wide';

/**
 * Chat changes made outside the socket (a channel created through the REST API) told to the socket
 * hub, which lives in the same process but in another bundle: hence a process-wide listener set.
 */
export type ChatNotice = { type: 'channel-created'; key: string };
type Listener = (notice: ChatNotice) => void;

const listeners = () => processWide('chat-notices', () => new Set<Listener>());

export function onChatNotice(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function announceChat(notice: ChatNotice): void {
  for (const listener of listeners()) {
    try {
      listener(notice);
    } catch (error) {
      console.error('[chat] notice listener failed:', error);
    }
  }
}
