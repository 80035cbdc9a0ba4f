import 'server-only';
import { jsonError } from '../../http/route-auth';
import { getMetrics } from '../../metrics';
import { getDb } from '../../store';
import { activeSecrets } from '../../webhooks/secrets';
import { getLogRuntime } from '../runtime';
import { pushToken, tokenMatches } from './auth';
import { decode, readBytes } from './body';
import { parseLokiProtobuf, parseLokiPush, type LokiParseResult } from './parse';

/** Largest push body on the wire; Promtail and Alloy send batches of about 1 MiB by default. */
export const LOKI_BODY_LIMIT = 5 * 1024 * 1024;
/** Largest body once decompressed. */
export const LOKI_INFLATED_LIMIT = 20 * 1024 * 1024;

const count = (outcome: string) => getMetrics().webhooks.labels('loki', outcome).inc();

/**
 * `POST /loki/api/v1/push`: Loki's push API, JSON (optionally gzip) or protobuf (snappy), for Promtail,
 * Grafana Alloy, Vector or curl. Order of checks: size (413), token (401), type (415), body (400,
 * naming the problem; nothing is stored), room in the queue (429 with Retry-After), then 204 once
 * every line is stored and on its way to the live tails.
 */
export async function receiveLokiPush(request: Request): Promise<Response> {
  if (Number(request.headers.get('content-length') ?? '0') > LOKI_BODY_LIMIT) {
    count('too-large');
    return jsonError(413, `Body larger than ${LOKI_BODY_LIMIT} bytes: send smaller batches.`);
  }
  const secrets = activeSecrets(getDb(), 'loki');
  if (secrets.length === 0) {
    count('unauthorized');
    return jsonError(
      401,
      'No Loki push token is configured on this Signalboard: set LOKI_PUSH_TOKEN or add a "loki" secret (admin).',
    );
  }
  const token = pushToken(request.headers.get('authorization'));
  if (!token || !tokenMatches(token, secrets)) {
    count('unauthorized');
    return jsonError(
      401,
      token
        ? 'Invalid push token.'
        : 'Send the push token as "Authorization: Bearer <token>" or as the Basic auth password.',
      { 'WWW-Authenticate': 'Bearer realm="loki-push"' },
    );
  }
  const type = (request.headers.get('content-type') ?? 'application/json').toLowerCase();
  const protobuf = type.includes('protobuf');
  if (!protobuf && !/^application\/json\b/.test(type)) {
    count('unsupported');
    return jsonError(415, 'Content-Type must be application/json (or application/x-protobuf, snappy).');
  }
  const body = await readBytes(request, LOKI_BODY_LIMIT);
  if (!body.ok) {
    count('too-large');
    return jsonError(body.status, body.error);
  }
  const parsed = protobuf
    ? parseLokiProtobuf(body.bytes, LOKI_INFLATED_LIMIT)
    : await parseJsonBody(request, body.bytes);
  if (!parsed.ok) {
    const status = parsed.status ?? 400;
    count(status === 413 ? 'too-large' : 'invalid');
    return jsonError(status, parsed.error);
  }
  const { ingest } = getLogRuntime();
  const stored = new Promise<Error | undefined>((resolve) => {
    if (!ingest.offer(parsed.lines, resolve)) resolve(QUEUE_FULL);
  });
  const error = await stored;
  if (error === QUEUE_FULL) {
    count('throttled');
    return jsonError(429, 'Signalboard is storing a backlog of lines; retry in a second.', {
      'Retry-After': '1',
    });
  }
  if (error) {
    count('failed');
    return jsonError(503, `Storing the lines failed: ${error.message}`);
  }
  count('applied');
  return new Response(null, { status: 204 });
}

const QUEUE_FULL = new Error('queue full');

/** The JSON form: Content-Encoding undone, parsed, validated. */
async function parseJsonBody(request: Request, bytes: Buffer): Promise<LokiParseResult> {
  const decoded = await decode(bytes, request.headers.get('content-encoding'), LOKI_INFLATED_LIMIT);
  if (!decoded.ok) return decoded;
  let json: unknown;
  try {
    json = JSON.parse(decoded.bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, status: 400, error: `Body is not valid JSON: ${(error as Error).message}` };
  }
  return parseLokiPush(json);
}
