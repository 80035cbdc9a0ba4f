import 'server-only';
import { describeIssues } from '../http/body';
import { verifyGenericSignature, verifyGithubSignature, verifyGitlabToken } from '../webhooks/signatures';
import { mapGithubEvent, type MappedEvent } from './github';
import { mapGitlabEvent } from './gitlab';
import { genericDeploySchema } from './types';

export type WebhookSource = 'github' | 'gitlab' | 'deploy';

/** The request headers a webhook reads (case-insensitive names, null when absent). */
export interface WebhookHeaders {
  get(name: string): string | null;
}

export interface WebhookSpec {
  source: WebhookSource;
  /** Checks the signature or token against the active secrets; a reason when it fails. */
  verify: (secrets: string[], rawBody: string, headers: WebhookHeaders) => string | null;
  /** The delivery id that makes a redelivery idempotent, if the sender gives one. */
  deliveryId: (headers: WebhookHeaders) => string | null;
  map: (payload: unknown, headers: WebhookHeaders) => MappedEvent;
}

/** GitHub webhooks: workflow_run, workflow_job, deployment, deployment_status and ping. */
const github: WebhookSpec = {
  source: 'github',
  verify: (secrets, raw, headers) =>
    verifyGithubSignature(secrets, raw, headers.get('x-hub-signature-256'))
      ? null
      : 'X-Hub-Signature-256 is missing or does not match.',
  deliveryId: (headers) => headers.get('x-github-delivery'),
  map: (payload, headers) => mapGithubEvent(headers.get('x-github-event') ?? '', payload),
};

/** GitLab webhooks: Pipeline Hook, Job Hook and Deployment Hook. */
const gitlab: WebhookSpec = {
  source: 'gitlab',
  verify: (tokens, _raw, headers) =>
    verifyGitlabToken(tokens, headers.get('x-gitlab-token')) ? null : 'X-Gitlab-Token is missing or wrong.',
  deliveryId: (headers) => headers.get('x-gitlab-event-uuid') ?? headers.get('idempotency-key'),
  map: (payload, headers) => mapGitlabEvent(headers.get('x-gitlab-event') ?? '', payload),
};

/**
 * The generic signed webhook any runner can call. Body: `{ deployId, service, environment, version,
 * step, percent, status, message, url }`; headers `X-Signalboard-Timestamp` and
 * `X-Signalboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 */
const deploy: WebhookSpec = {
  source: 'deploy',
  verify: (secrets, raw, headers) => {
    const verdict = verifyGenericSignature(
      secrets,
      raw,
      headers.get('x-signalboard-timestamp'),
      headers.get('x-signalboard-signature'),
    );
    return verdict.ok ? null : verdict.error;
  },
  // The signature covers the timestamp, so (signature) is unique per call: a replay within the
  // window is a duplicate, not a second step.
  deliveryId: (headers) => headers.get('idempotency-key') ?? headers.get('x-signalboard-signature'),
  map: (payload) => {
    const parsed = genericDeploySchema.safeParse(payload);
    if (!parsed.success) return { kind: 'invalid', error: describeIssues(parsed.error) };
    const { deployId, ...rest } = parsed.data;
    return { kind: 'updates', updates: [{ ...rest, deployId, source: 'generic' }] };
  },
};

/** `/api/webhooks/<name>` → its spec. */
export const WEBHOOK_SPECS: Readonly<Record<string, WebhookSpec>> = { github, gitlab, deploy };
