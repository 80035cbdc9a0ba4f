import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderSource } from '../auth/request-auth';
import { readNodeText } from '../http/node-body';
import { sendError, sendJson } from '../http/respond';
import { receiveWebhook, WEBHOOK_BODY_LIMIT } from './receive';
import { WEBHOOK_SPECS } from './webhook-specs';

const PREFIX = '/api/webhooks/';

/**
 * `POST /api/webhooks/{github,gitlab,deploy}`, served by the custom server's own HTTP layer: CI systems
 * call it hundreds of times a second in a busy hour, and Next's route path (web streams around every
 * request) cost several times the CPU of the webhook itself. Returns false for other paths; an
 * unknown webhook name is a JSON 404 naming the known ones.
 */
export async function handleWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  headers: HeaderSource,
): Promise<boolean> {
  if (!pathname.startsWith(PREFIX)) return false;
  const name = pathname.slice(PREFIX.length);
  const spec = Object.hasOwn(WEBHOOK_SPECS, name) ? WEBHOOK_SPECS[name] : undefined;
  if (!spec) {
    const known = Object.keys(WEBHOOK_SPECS).join(', ');
    sendError(res, 404, `No webhook "${name.slice(0, 60)}" here: use one of ${known}.`);
    req.resume();
    return true;
  }
  if (req.method !== 'POST') {
    sendError(res, 405, 'Webhooks are sent with POST.', { Allow: 'POST' });
    req.resume();
    return true;
  }
  const body = await readNodeText(req, WEBHOOK_BODY_LIMIT);
  const answer = receiveWebhook({ get: (name) => headers.get(name) ?? null }, body, spec);
  sendJson(res, answer.status, answer.body, body.ok ? {} : { Connection: 'close' });
  return true;
}
