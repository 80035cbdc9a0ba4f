import { z } from 'zod';
import {
  channelKeySchema,
  presenceEntrySchema,
  serverFrameSchema,
  type ServerFrame,
} from '../lib/events/chat-frames';
import type { ClusterLink } from '../lib/server/scale/cluster';
import type { ChatHub } from './chat-hub';

/** What one instance's chat hub delivered, for the others to deliver to their own sockets. */
export type RemoteChatOp =
  | { kind: 'channel'; channel: string; frame: ServerFrame; exceptUserId?: number }
  | { kind: 'user'; userId: number; frame: ServerFrame }
  | { kind: 'channel-created'; channel: string };

export interface ChatRelay {
  send(op: RemoteChatOp): void;
  presenceChanged(): void;
}

const opSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('channel'),
    channel: channelKeySchema,
    frame: serverFrameSchema,
    exceptUserId: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('user'), userId: z.number().int(), frame: serverFrameSchema }),
  z.object({ kind: z.literal('channel-created'), channel: channelKeySchema }),
]);
const presenceSchema = z.object({
  kind: z.literal('presence'),
  users: z.array(presenceEntrySchema).max(100_000),
});
const presenceRequestSchema = z.object({ kind: z.literal('presence-request') });

/** How often each instance repeats its users' presence, and when silence means it is gone. */
const PRESENCE_EVERY_MS = 5_000;
const PRESENCE_TTL_MS = 16_000;
const PRESENCE_DEBOUNCE_MS = 100;

/**
 * Chat across instances: every message, read marker, channel and presence change a hub delivers to
 * its sockets goes to Redis, and each other instance delivers it to its own sockets (direct messages
 * to the members connected there). Messages are stored in the shared store first, so a socket that
 * resumes on another instance replays from there. Presence: each instance sends its whole list of
 * users on every change and every few seconds; one not heard of for 16 s counts as gone.
 */
export function bridgeChat(hub: ChatHub, link: ClusterLink): () => void {
  let presenceTimer: NodeJS.Timeout | null = null;
  const sendPresence = () => {
    presenceTimer = null;
    link.publish('chat', { kind: 'presence', users: hub.presenceState.localSnapshot() });
  };
  hub.setRelay({
    send: (op) => link.publish('chat', op),
    presenceChanged: () => {
      if (presenceTimer) return;
      presenceTimer = setTimeout(sendPresence, PRESENCE_DEBOUNCE_MS);
      presenceTimer.unref();
    },
  });
  const off = link.on('chat', (body, from) => {
    const presence = presenceSchema.safeParse(body);
    if (presence.success) return hub.presenceState.setRemote(from, presence.data.users);
    if (presenceRequestSchema.safeParse(body).success) return sendPresence();
    const op = opSchema.safeParse(body);
    if (op.success) return hub.applyRemote(op.data);
    console.error(`[cluster] refused a malformed chat frame from ${from.slice(0, 8)}`);
  });
  const heartbeat = setInterval(() => {
    sendPresence();
    hub.presenceState.dropRemoteBefore(Date.now() - PRESENCE_TTL_MS);
  }, PRESENCE_EVERY_MS);
  heartbeat.unref();
  // A new instance asks the others for their lists rather than wait for their next heartbeat.
  sendPresence();
  link.publish('chat', { kind: 'presence-request' });
  return () => {
    clearInterval(heartbeat);
    if (presenceTimer) clearTimeout(presenceTimer);
    off();
    hub.setRelay(null);
    // Tell the others our users are gone from here, rather than let them wait for the TTL.
    link.publish('chat', { kind: 'presence', users: [] });
  };
}
