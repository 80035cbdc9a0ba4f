/**
 * An HTTP/3 request as decoded from its HEADERS frame, checked against RFC 9114 §4.2–§4.3 and, for
 * WebTransport, the extended CONNECT of RFC 9220 §3 (RFC 8441 §4). A malformed request is refused with
 * H3_MESSAGE_ERROR on its stream (RFC 9114 §4.1.2); a well-formed one the server will not serve gets
 * an HTTP status.
 */
import { FRAME, encodeFrame } from './h3-frames';
import { encodeFieldSection, type FieldLine } from './qpack/field-section';

export interface H3Request {
  method: string;
  /** RFC 9220 / RFC 8441 `:protocol`, e.g. "webtransport"; null for a plain request. */
  protocol: string | null;
  scheme: string | null;
  authority: string | null;
  /** `:path` as sent, query included. */
  path: string | null;
  headers: Map<string, string>;
}

const PSEUDO = new Set([':method', ':scheme', ':authority', ':path', ':protocol']);
/** RFC 9114 §4.2: connection-specific fields have no place in HTTP/3. */
const CONNECTION_SPECIFIC = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

export type ParsedRequest = { ok: true; request: H3Request } | { ok: false; reason: string };

export function parseRequest(fields: readonly FieldLine[]): ParsedRequest {
  const pseudo = new Map<string, string>();
  const headers = new Map<string, string>();
  let regularSeen = false;
  for (const [name, value] of fields) {
    if (name !== name.toLowerCase()) return { ok: false, reason: `field name "${name}" is not lower-case` };
    if (name.startsWith(':')) {
      // §4.3: pseudo-header fields come first, once each, and only the defined ones.
      if (regularSeen) return { ok: false, reason: `${name} after a regular field` };
      if (!PSEUDO.has(name)) return { ok: false, reason: `unknown pseudo-header ${name}` };
      if (pseudo.has(name)) return { ok: false, reason: `${name} sent twice` };
      pseudo.set(name, value);
      continue;
    }
    regularSeen = true;
    if (CONNECTION_SPECIFIC.has(name)) return { ok: false, reason: `connection-specific field ${name}` };
    if (name === 'te' && value !== 'trailers') return { ok: false, reason: 'te other than "trailers"' };
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  const method = pseudo.get(':method');
  if (!method) return { ok: false, reason: ':method missing' };
  const request: H3Request = {
    method,
    protocol: pseudo.get(':protocol') ?? null,
    scheme: pseudo.get(':scheme') ?? null,
    authority: pseudo.get(':authority') ?? null,
    path: pseudo.get(':path') ?? null,
    headers,
  };
  if (request.protocol !== null) {
    // RFC 9220 §3 / RFC 8441 §4: :protocol only on CONNECT, which then carries :scheme, :path and :authority.
    if (method !== 'CONNECT') return { ok: false, reason: ':protocol on a request that is not CONNECT' };
    if (!request.scheme || !request.path || !request.authority) {
      return { ok: false, reason: 'extended CONNECT without :scheme, :path or :authority' };
    }
  } else if (method === 'CONNECT') {
    // §4.4: a plain CONNECT has :authority and neither :scheme nor :path.
    if (!request.authority || request.scheme || request.path)
      return { ok: false, reason: 'malformed CONNECT' };
  } else if (!request.scheme || !request.path) {
    return { ok: false, reason: ':scheme or :path missing' };
  }
  if (request.path !== null && request.path !== '*' && !request.path.startsWith('/')) {
    return { ok: false, reason: ':path must start with /' };
  }
  return { ok: true, request };
}

/** A HEADERS frame carrying a response (RFC 9114 §4.1) with the given status and fields. */
export function responseHeaders(status: number, fields: FieldLine[] = []): Uint8Array {
  return encodeFrame(FRAME.HEADERS, encodeFieldSection([[':status', String(status)], ...fields]));
}

/** A DATA frame (RFC 9114 §7.2.1): the body of a refusal, for people reading it in a debugger. */
export function dataFrame(text: string): Uint8Array {
  return encodeFrame(FRAME.DATA, new TextEncoder().encode(text));
}
