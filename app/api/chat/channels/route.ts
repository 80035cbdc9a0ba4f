import { z } from 'zod';
import { channelNameSchema } from '@/lib/events/chat-frames';
import { readJson } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { announceChat } from '@/lib/server/chat/notices';
import { ChatStore } from '@/lib/server/chat/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/** The channels and DMs the caller can read, with unread counts (the socket's `welcome` has the same). */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const { id, username } = auth.principal.user;
  return Response.json({ ok: true, channels: new ChatStore(getDb()).channelInfos({ id, username }) });
}

const newChannelSchema = z.object({ name: channelNameSchema, topic: z.string().trim().max(200).optional() });

/** Creates a public channel (operators). Open chat sockets learn about it at once. */
export async function POST(request: Request) {
  const auth = requireRole(request, 'operator');
  if (!auth.ok) return auth.response;
  const body = await readJson(request, newChannelSchema, 4 * 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const { name, topic } = body.value;
  const store = new ChatStore(getDb());
  const channel = store.createChannel(name, topic || null, auth.principal.user.id);
  if (!channel) return jsonError(409, `#${name} already exists.`);
  announceChat({ type: 'channel-created', key: channel.key });
  const { id, username } = auth.principal.user;
  return Response.json(
    { ok: true, channel: store.channelInfo({ id, username }, channel.key) },
    { status: 201 },
  );
}
