import 'server-only';
import type { ChatMessage } from '../../events/chat-frames';
import type { EventBus } from '../bus';
import type { Db } from '../store';
import type { ChatStore, MessageDraft } from './store';

/**
 * Stores a message and, for public channels, publishes it on the bus as `chat-message` so that SSE
 * listeners (the overview card, scripts on /api/events) see it too. Direct messages stay off the bus:
 * every signed-in user may read the event stream. One transaction: a message is never on the bus
 * without being in the chat history, or the other way round.
 */
export function postMessage(db: Db, store: ChatStore, bus: EventBus, draft: MessageDraft): ChatMessage {
  return db.transaction(() => {
    const message = store.addMessage(draft);
    if (draft.channel.kind === 'channel') {
      bus.publish('chat-message', {
        messageId: message.id,
        channel: message.channel,
        user: message.user,
        text: message.text,
        ...(message.clientId ? { clientId: message.clientId } : {}),
        ...(message.system ? { system: true } : {}),
      });
    }
    return message;
  }).immediate();
}
