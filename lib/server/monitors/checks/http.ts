import 'server-only';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { serverVersion } from '../../version';
import type { HttpDefinition } from '../definition';
import { checkJsonCondition } from '../json-path';
import { statusAccepted } from '../status-codes';
import type { CheckResult } from '../types';
import { describeError, isAbort, timeoutMessage } from './errors';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DAY_MS = 24 * 3600 * 1000;

/**
 * One HTTP(S) check. A single deadline covers everything (DNS, connect, TLS, headers, redirects,
 * body), so a slow-drip target fails at the timeout; the body is read only when a keyword or JSON
 * condition needs it, and never past `maxBodyBytes`; each request has its own socket (`agent: false`)
 * that is destroyed when the check ends, so a hanging or endless target holds nothing afterwards.
 */
export async function checkHttp(d: HttpDefinition, timeoutMs: number, outer?: AbortSignal): Promise<CheckResult> {
  const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let url = new URL(d.url);
  let certExpiresAt: number | undefined;
  let phase = 'waiting for the response';
  try {
    for (let redirects = 0; ; redirects++) {
      const res = await request(url, d, signal);
      if (url.protocol === 'https:' && certExpiresAt === undefined) certExpiresAt = certExpiry(res);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location && d.maxRedirects > 0) {
        res.destroy();
        if (redirects >= d.maxRedirects) {
          return { ok: false, latencyMs: elapsed(), message: `Too many redirects (more than ${d.maxRedirects})`, certExpiresAt };
        }
        url = new URL(location, url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          return { ok: false, latencyMs: elapsed(), message: `Redirect to unsupported ${url.protocol} URL`, certExpiresAt };
        }
        continue;
      }
      const needsBody = d.keyword !== undefined || d.jsonPath !== undefined;
      if (!statusAccepted(status, d.acceptedStatusCodes)) {
        res.destroy();
        return { ok: false, latencyMs: elapsed(), message: `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, certExpiresAt };
      }
      if (!needsBody) {
        res.destroy();
        return withCertWarning({ ok: true, latencyMs: elapsed(), message: `HTTP ${status}`, certExpiresAt }, d);
      }
      phase = 'reading the body';
      const body = await readCapped(res, d.maxBodyBytes);
      if (body === null) {
        return { ok: false, latencyMs: elapsed(), message: `Body larger than ${formatBytes(d.maxBodyBytes)}: stopped reading`, certExpiresAt };
      }
      const verdict = judgeBody(body, d);
      return withCertWarning({ ok: verdict.ok, latencyMs: elapsed(), message: `HTTP ${status} · ${verdict.message}`, certExpiresAt }, d);
    }
  } catch (error) {
    if (isAbort(error) || signal.aborted) {
      return { ok: false, latencyMs: null, message: timeoutMessage(timeoutMs, phase), certExpiresAt };
    }
    return { ok: false, latencyMs: null, message: describeError(error), certExpiresAt };
  }
}

function request(url: URL, d: HttpDefinition, signal: AbortSignal): Promise<IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method: d.method,
      agent: false,
      signal,
      rejectUnauthorized: !d.ignoreTlsErrors,
      headers: {
        'user-agent': `Signalboard-Uptime/${serverVersion()}`,
        accept: '*/*',
        connection: 'close',
        ...d.headers,
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    // A response stream that errors after we stopped listening must not crash the process.
    req.on('response', (res) => res.on('error', () => undefined));
    req.end(d.method === 'POST' ? '' : undefined);
  });
}

/** The body as text, or null once it passes `limit` bytes (the socket is destroyed there). */
async function readCapped(res: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(res.headers['content-length'] ?? '0');
  if (declared > limit) {
    res.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function judgeBody(body: string, d: HttpDefinition): { ok: boolean; message: string } {
  const notes: string[] = [];
  if (d.keyword !== undefined) {
    const found = body.includes(d.keyword);
    const ok = d.invertKeyword ? !found : found;
    const text = `keyword "${d.keyword.slice(0, 40)}" ${found ? 'found' : 'not found'}`;
    if (!ok) return { ok: false, message: d.invertKeyword ? `${text} (must be absent)` : text };
    notes.push(text);
  }
  if (d.jsonPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, message: `Body is not JSON (starts "${body.slice(0, 30).replace(/\s+/g, ' ')}")` };
    }
    const verdict = checkJsonCondition(parsed, d.jsonPath, d.jsonPathOperator, d.expectedValue ?? '');
    if (!verdict.ok) return verdict;
    notes.push(verdict.message);
  }
  return { ok: true, message: notes.join(' · ') };
}

function certExpiry(res: IncomingMessage): number | undefined {
  const socket = res.socket as TLSSocket | null;
  if (!socket || typeof socket.getPeerCertificate !== 'function') return undefined;
  const cert = socket.getPeerCertificate();
  const at = cert?.valid_to ? Date.parse(cert.valid_to) : NaN;
  return Number.isFinite(at) ? at : undefined;
}

/** A passing check still says so when the certificate is close to expiry (the UI flags it too). */
function withCertWarning(result: CheckResult, d: HttpDefinition): CheckResult {
  if (result.certExpiresAt === undefined || d.tlsExpiryWarningDays === 0) return result;
  const days = Math.floor((result.certExpiresAt - Date.now()) / DAY_MS);
  if (days >= d.tlsExpiryWarningDays) return result;
  return { ...result, message: `${result.message} · certificate expires in ${days} ${days === 1 ? 'day' : 'days'}` };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
