import 'server-only';
import { getBus } from '../bus';
import { getMetrics } from '../metrics';
import { getDb } from '../store';
import { recordDelivery, seenDelivery } from '../webhooks/deliveries';
import { activeSecrets } from '../webhooks/secrets';
import { applyDeployUpdate } from './ingest';
import type { WebhookHeaders, WebhookSpec } from './webhook-specs';

/** CI payloads are small; GitHub's largest workflow events stay far below this. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, error: string): WebhookAnswer => ({ status, body: { ok: false, error } });
const answer = (body: Record<string, unknown>, status = 200): WebhookAnswer => ({ status, body });

/**
 * The common path of every CI webhook: size limit (413), signature (401), JSON (400), redelivery
 * (200, nothing applied twice), mapping (422 naming the field, or 202 for events it does not use),
 * then the deploy updates in one transaction with the delivery record.
 */
export function receiveWebhook(
  headers: WebhookHeaders,
  body: { ok: true; text: string } | { ok: false; status: number; error: string },
  spec: WebhookSpec,
): WebhookAnswer {
  const count = (outcome: string) => getMetrics().webhooks.labels(spec.source, outcome).inc();
  if (!body.ok) {
    count('too-large');
    return refuse(body.status, body.error);
  }
  const db = getDb();
  const secrets = activeSecrets(db, spec.source);
  if (secrets.length === 0) {
    count('unauthorized');
    return refuse(401, `No ${spec.source} webhook secret is configured on this Signalboard.`);
  }
  const refusal = spec.verify(secrets, body.text, headers);
  if (refusal) {
    count('unauthorized');
    return refuse(401, refusal);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.text);
  } catch (error) {
    count('invalid');
    return refuse(400, `Body is not valid JSON: ${(error as Error).message}`);
  }
  const deliveryId = spec.deliveryId(headers);
  if (deliveryId && seenDelivery(db, spec.source, deliveryId)) {
    count('duplicate');
    return answer({ ok: true, duplicate: true });
  }
  const mapped = spec.map(payload, headers);
  switch (mapped.kind) {
    case 'ping':
      count('ping');
      return answer({ ok: true, pong: true });
    case 'ignored':
      count('ignored');
      return answer({ ok: true, ignored: mapped.reason }, 202);
    case 'invalid':
      count('invalid');
      return refuse(422, mapped.error);
  }
  const bus = getBus();
  const results = db.transaction(() => {
    const applied = mapped.updates.map((update) => applyDeployUpdate(db, bus, update));
    const failed = applied.find((r) => !r.ok);
    if (failed) throw new RefusedUpdate(failed.ok ? '' : failed.error);
    if (deliveryId) recordDelivery(db, spec.source, deliveryId);
    return applied;
  });
  try {
    const applied = results.immediate();
    count('applied');
    return answer({
      ok: true,
      deploys: applied.map((r) =>
        r.ok ? { id: r.deploy.id, status: r.deploy.status, outcome: r.outcome } : null,
      ),
    });
  } catch (error) {
    if (!(error instanceof RefusedUpdate)) throw error;
    count('invalid');
    return refuse(422, error.message);
  }
}

class RefusedUpdate extends Error {}
