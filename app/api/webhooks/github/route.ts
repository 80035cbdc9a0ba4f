import { mapGithubEvent } from '@/lib/server/deploys/github';
import { receiveWebhook } from '@/lib/server/deploys/receive';
import { verifyGithubSignature } from '@/lib/server/webhooks/signatures';

export const dynamic = 'force-dynamic';

/** GitHub webhooks: workflow_run, workflow_job, deployment, deployment_status and ping. */
export function POST(request: Request) {
  return receiveWebhook(request, {
    source: 'github',
    verify: (secrets, raw, req) =>
      verifyGithubSignature(secrets, raw, req.headers.get('x-hub-signature-256'))
        ? null
        : 'X-Hub-Signature-256 is missing or does not match.',
    deliveryId: (req) => req.headers.get('x-github-delivery'),
    map: (payload, req) => mapGithubEvent(req.headers.get('x-github-event') ?? '', payload),
  });
}
