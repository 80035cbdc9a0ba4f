// Delivers one report to POST <server>/api/webhooks/deploy, signed as the route expects:
// X-Signalboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">.
/* global AbortSignal */
import { createHmac, randomUUID } from 'node:crypto';

const MAX_BACKOFF_MS = 10_000;
/** Answers worth another try: the server (or a proxy in front of it) may be restarting or busy. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export function sign(secret, timestamp, rawBody) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Exponential backoff with jitter: half the step fixed, half random, so retrying runners spread out. */
export function backoff(baseMs, attempt) {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (Math.random() * step) / 2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const parsed = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

/** The server's `{ error }`, or the start of whatever else answered (a proxy's page, say). */
function reason(response, text) {
  const error = parsed(text)?.error;
  if (typeof error === 'string') return error;
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || response.statusText;
}

/**
 * One request with its whole body read, all within the timeout: a dashboard that stalls mid-answer
 * is not a delivery. The race guarantees the bound, since Node's fetch has been seen to leave a body
 * read pending after its signal fired (with composite signals).
 */
function post(endpoint, init, timeoutMs) {
  const signal = AbortSignal.timeout(timeoutMs);
  const exchange = fetch(endpoint, { ...init, signal }).then(async (response) => ({
    response,
    text: await response.text(),
  }));
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    exchange.then(resolve, reject);
  });
}

function hint(status) {
  if (status === 401)
    return " Check SIGNALBOARD_DEPLOY_SECRET against the dashboard's deploy webhook secret.";
  if (status === 404) return " Is SIGNALBOARD_URL the dashboard's base URL?";
  return '';
}

/**
 * Sends `body`, retrying network errors, timeouts and 408/425/429/5xx answers. Every attempt is signed
 * again with a fresh timestamp and carries the same Idempotency-Key, so a retry of a call that did
 * arrive is recognised as a duplicate. Resolves `{ ok: true, result }` or `{ ok: false, error }`; never throws.
 */
export async function deliver(config, body, log) {
  const raw = JSON.stringify(body);
  const key = randomUUID();
  const endpoint = `${config.server}/api/webhooks/deploy`;
  let lastError = 'no attempt made';
  for (let attempt = 1; attempt <= config.attempts; attempt++) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    let retryAfterMs;
    try {
      const init = {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'signalboard-notify/1',
          'idempotency-key': key,
          'x-signalboard-timestamp': timestamp,
          'x-signalboard-signature': sign(config.secret, timestamp, raw),
        },
        body: raw,
      };
      const { response, text } = await post(endpoint, init, config.timeoutMs);
      if (response.ok) return { ok: true, result: parsed(text) };
      const why = reason(response, text);
      if (response.status >= 300 && response.status < 400) {
        return {
          ok: false,
          error: `redirected (${response.status}) to ${response.headers.get('location')}; use that URL`,
        };
      }
      if (!RETRYABLE.has(response.status)) {
        return { ok: false, error: `refused (${response.status}): ${why}.${hint(response.status)}` };
      }
      lastError = `HTTP ${response.status}: ${why}`;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0)
        retryAfterMs = Math.min(retryAfter * 1000, MAX_BACKOFF_MS);
    } catch (error) {
      lastError =
        error.name === 'TimeoutError'
          ? `no answer within ${config.timeoutMs / 1000} s`
          : `${error.cause?.code ?? error.cause?.message ?? error.message}`;
    }
    if (attempt === config.attempts) break;
    const wait = retryAfterMs ?? backoff(config.backoffMs, attempt);
    log.warn(
      `attempt ${attempt}/${config.attempts} failed (${lastError}); retrying in ${wait < 1000 ? `${wait} ms` : `${(wait / 1000).toFixed(1)} s`}`,
    );
    await sleep(wait);
  }
  return { ok: false, error: `unreachable after ${config.attempts} attempts (${lastError})` };
}
