import { z } from 'zod';
import { HISTORY_PAGE_MAX, channelKeySchema } from '@/lib/events/chat-frames';
import { describeIssues } from '@/lib/server/http/body';
import { jsonError, requireRole } from '@/lib/server/http/route-auth';
import { ChatStore } from '@/lib/server/chat/store';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  channel: channelKeySchema,
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});

/**
 * A page of a channel's history, oldest first: `?channel=ops&before=<id>&limit=50`. Page back by
 * passing the first id of a page as the next `before`, while `hasMore` is true.
 */
export function GET(request: Request) {
  const auth = requireRole(request, 'viewer');
  if (!auth.ok) return auth.response;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = querySchema.safeParse(params);
  if (!query.success) return jsonError(400, describeIssues(query.error));
  const store = new ChatStore(getDb());
  const channel = store.channel(query.data.channel);
  const { id, username } = auth.principal.user;
  if (!channel || !store.canRead({ id, username }, channel))
    return jsonError(404, `No channel ${query.data.channel}.`);
  const page = store.history(channel, query.data.before, query.data.limit);
  return Response.json({ ok: true, channel: channel.key, ...page });
}
