import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export const PIPELINE_KINDS = ['generic', 'github', 'gitlab'] as const;
export type PipelineKind = (typeof PIPELINE_KINDS)[number];

/** The secret each webhook kind is signed with: the deploy webhook's, GitHub's, GitLab's token. */
export interface WebhookSecrets {
  deploy?: string;
  github?: string;
  gitlab?: string;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Settles with `work` or rejects as soon as `signal` aborts. Node 20's fetch, given an
 * AbortSignal.any() signal that fires between the headers and the end of the body, was seen to leave
 * the body read pending forever, which hung the service's stop().
 */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
const ATTEMPTS = 3;
const hmac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

/**
 * The headers a real sender puts on one delivery, signed the way each one signs: GitHub an HMAC of
 * the body, GitLab the plain token, the generic runner an HMAC of "<timestamp>.<body>". The delivery
 * id stays the same across retries (GitHub and GitLab redeliver under the same id); the generic
 * signature is made again for each attempt with a fresh timestamp.
 */
function headers(
  kind: PipelineKind,
  event: string,
  body: string,
  secrets: WebhookSecrets,
  deliveryId: string,
) {
  const secret = kind === 'generic' ? secrets.deploy : secrets[kind];
  if (!secret)
    throw new DeliveryError(`no ${kind === 'generic' ? 'deploy' : kind} webhook secret to sign with`);
  const common = { 'content-type': 'application/json' };
  switch (kind) {
    case 'github':
      return {
        ...common,
        'user-agent': 'GitHub-Hookshot/signalboard-simulator',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-github-hook-id': '4242',
        'x-hub-signature-256': `sha256=${hmac(secret, body)}`,
      };
    case 'gitlab':
      return {
        ...common,
        'user-agent': 'GitLab/17.0.0',
        'x-gitlab-event': event,
        'x-gitlab-token': secret,
        'x-gitlab-event-uuid': deliveryId,
        'x-gitlab-instance': 'https://gitlab.example.com',
      };
    case 'generic': {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return {
        ...common,
        'user-agent': 'signalboard-ci-simulator',
        'idempotency-key': deliveryId,
        'x-signalboard-timestamp': timestamp,
        'x-signalboard-signature': `sha256=${hmac(secret, `${timestamp}.${body}`)}`,
      };
    }
  }
}

const WEBHOOK_PATH: Record<PipelineKind, string> = {
  generic: '/api/webhooks/deploy',
  github: '/api/webhooks/github',
  gitlab: '/api/webhooks/gitlab',
};

/**
 * POSTs one webhook to Signalboard over real HTTP. Network errors and 5xx answers are tried again
 * (three attempts in all); any other refusal throws a {@link DeliveryError} with the server's reason.
 */
export async function deliver(
  baseUrl: string,
  kind: PipelineKind,
  event: string,
  payload: unknown,
  secrets: WebhookSecrets,
  signal?: AbortSignal,
): Promise<unknown> {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  let problem = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    signal?.throwIfAborted();
    try {
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const request = async () => {
        const response = await fetch(`${baseUrl}${WEBHOOK_PATH[kind]}`, {
          method: 'POST',
          headers: headers(kind, event, body, secrets, deliveryId),
          body,
          signal: both,
        });
        return { response, text: await response.text() };
      };
      const { response, text } = await abortable(request(), both);
      if (response.ok) return text ? (JSON.parse(text) as unknown) : {};
      const reason = (() => {
        try {
          return (JSON.parse(text) as { error?: string }).error ?? text;
        } catch {
          return text;
        }
      })();
      problem = `${kind} ${event}: HTTP ${response.status}: ${reason.slice(0, 300)}`;
      if (response.status < 500) throw new DeliveryError(problem, response.status);
    } catch (error) {
      if (error instanceof DeliveryError || signal?.aborted) throw error;
      problem = `${kind} ${event}: ${(error as Error).message}`;
    }
    if (attempt < ATTEMPTS) await sleep(300 * attempt, undefined, { signal });
  }
  throw new DeliveryError(problem);
}
