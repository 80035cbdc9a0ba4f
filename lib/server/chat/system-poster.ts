import 'server-only';
import type { AnyEnvelope } from '../../events';
import type { EventBus } from '../bus';
import type { ChatStore, MessageDraft } from './store';
import { MonitorMemory, SYSTEM_USER, systemMessageFor } from './system-messages';

const WATCHED = new Set<AnyEnvelope['type']>(['deploy-complete', 'monitor-status', 'sensor-alert']);

/**
 * Posts dashboard events into #ops as Signalboard's own messages. Producers publish inside their
 * transactions (a webhook's deploy update, for one), so the post waits for the next turn of the event
 * loop rather than writing into a transaction it does not own. Returns the unsubscribe function.
 */
export function postSystemMessages(
  bus: EventBus,
  store: ChatStore,
  post: (draft: MessageDraft) => unknown,
): () => void {
  const monitors = new MonitorMemory();
  // Local events only: with several instances, the one where an event happened posts its notice.
  return bus.subscribe(
    (event) => {
      if (!WATCHED.has(event.type)) return;
      // Decided now, in publish order (the monitor memory depends on it); posted just after.
      const draft = systemMessageFor(event, monitors);
      if (!draft) return;
      setImmediate(() => {
        try {
          const channel = store.channel(draft.channel);
          if (!channel) return;
          post({
            channel,
            userId: null,
            username: SYSTEM_USER,
            text: draft.text,
            system: true,
            link: draft.link,
            ...(draft.alert ? { alert: draft.alert } : {}),
          });
        } catch (error) {
          console.error(`[chat] posting the ${event.type} notice failed:`, error);
        }
      });
    },
    { localOnly: true },
  );
}
