import { mapGitlabEvent } from '@/lib/server/deploys/gitlab';
import { receiveWebhook } from '@/lib/server/deploys/receive';
import { verifyGitlabToken } from '@/lib/server/webhooks/signatures';

export const dynamic = 'force-dynamic';

/** GitLab webhooks: Pipeline Hook, Job Hook and Deployment Hook. */
export function POST(request: Request) {
  return receiveWebhook(request, {
    source: 'gitlab',
    verify: (tokens, _raw, req) =>
      verifyGitlabToken(tokens, req.headers.get('x-gitlab-token')) ? null : 'X-Gitlab-Token is missing or wrong.',
    deliveryId: (req) => req.headers.get('x-gitlab-event-uuid') ?? req.headers.get('idempotency-key'),
    map: (payload, req) => mapGitlabEvent(req.headers.get('x-gitlab-event') ?? '', payload),
  });
}
