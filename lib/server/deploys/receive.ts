import 'server-only';
import { getBus } from '../bus';
import { readText } from '../http/body';
import { jsonError } from '../http/route-auth';
import { getMetrics } from '../metrics';
import { getDb } from '../store';
import { recordDelivery, seenDelivery } from '../webhooks/deliveries';
import { activeSecrets } from '../webhooks/secrets';
import type { MappedEvent } from './github';
import { applyDeployUpdate } from './ingest';

/** CI payloads are small; GitHub's largest workflow events stay far below this. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookSpec {
  source: 'github' | 'gitlab' | 'deploy';
  /** Checks the signature or token against the active secrets; a reason when it fails. */
  verify: (secrets: string[], rawBody: string, request: Request) => string | null;
  /** The delivery id that makes a redelivery idempotent, if the sender gives one. */
  deliveryId: (request: Request) => string | null;
  map: (payload: unknown, request: Request) => MappedEvent;
}

/**
 * The common path of every CI webhook: size limit (413), signature (401), JSON (400), redelivery
 * (200, nothing applied twice), mapping (422 naming the field, or 202 for events it does not use),
 * then the deploy updates in one transaction with the delivery record.
 */
export async function receiveWebhook(request: Request, spec: WebhookSpec): Promise<Response> {
  const count = (outcome: string) => getMetrics().webhooks.labels(spec.source, outcome).inc();
  const body = await readText(request, WEBHOOK_BODY_LIMIT);
  if (!body.ok) {
    count('too-large');
    return jsonError(body.status, body.error);
  }
  const db = getDb();
  const secrets = activeSecrets(db, spec.source);
  if (secrets.length === 0) {
    count('unauthorized');
    return jsonError(401, `No ${spec.source} webhook secret is configured on this Signalboard.`);
  }
  const refusal = spec.verify(secrets, body.text, request);
  if (refusal) {
    count('unauthorized');
    return jsonError(401, refusal);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.text);
  } catch (error) {
    count('invalid');
    return jsonError(400, `Body is not valid JSON: ${(error as Error).message}`);
  }
  const deliveryId = spec.deliveryId(request);
  if (deliveryId && seenDelivery(db, spec.source, deliveryId)) {
    count('duplicate');
    return Response.json({ ok: true, duplicate: true });
  }
  const mapped = spec.map(payload, request);
  switch (mapped.kind) {
    case 'ping':
      count('ping');
      return Response.json({ ok: true, pong: true });
    case 'ignored':
      count('ignored');
      return Response.json({ ok: true, ignored: mapped.reason }, { status: 202 });
    case 'invalid':
      count('invalid');
      return jsonError(422, mapped.error);
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
    const applied = results();
    count('applied');
    return Response.json({
      ok: true,
      deploys: applied.map((r) =>
        r.ok ? { id: r.deploy.id, status: r.deploy.status, outcome: r.outcome } : null,
      ),
    });
  } catch (error) {
    if (!(error instanceof RefusedUpdate)) throw error;
    count('invalid');
    return jsonError(422, error.message);
  }
}

class RefusedUpdate extends Error {}
