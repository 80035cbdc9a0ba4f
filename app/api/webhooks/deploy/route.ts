import { describeIssues } from '@/lib/server/http/body';
import { receiveWebhook } from '@/lib/server/deploys/receive';
import { genericDeploySchema } from '@/lib/server/deploys/types';
import { verifyGenericSignature } from '@/lib/server/webhooks/signatures';

export const dynamic = 'force-dynamic';

/**
 * The generic signed webhook any runner can call. Body: `{ deployId, service, environment, version,
 * step, percent, status, message, url }`; headers `X-Signalboard-Timestamp` and
 * `X-Signalboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 */
export function POST(request: Request) {
  return receiveWebhook(request, {
    source: 'deploy',
    verify: (secrets, raw, req) => {
      const verdict = verifyGenericSignature(
        secrets,
        raw,
        req.headers.get('x-signalboard-timestamp'),
        req.headers.get('x-signalboard-signature'),
      );
      return verdict.ok ? null : verdict.error;
    },
    // The signature covers the timestamp, so (signature) is unique per call: a replay within the
    // window is a duplicate, not a second step.
    deliveryId: (req) => req.headers.get('idempotency-key') ?? req.headers.get('x-signalboard-signature'),
    map: (payload) => {
      const parsed = genericDeploySchema.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', error: describeIssues(parsed.error) };
      const { deployId, ...rest } = parsed.data;
      return { kind: 'updates', updates: [{ ...rest, deployId, source: 'generic' }] };
    },
  });
}
