import 'server-only';

/**
 * Turns the errors of node:net, node:http, node:tls and node:dns into one clear sentence for a failed
 * check ("Connection refused", "TLS: certificate has expired"), keeping the code for searching.
 */
const MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by the target',
  EPIPE: 'Connection closed by the target',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'Host unreachable',
  ENETUNREACH: 'Network unreachable',
  ENOTFOUND: 'Host name not found',
  EAI_AGAIN: 'Host name lookup failed (temporary)',
  ENODATA: 'No record of this type',
  ESERVFAIL: 'DNS server failed',
  EREFUSED: 'DNS server refused the query',
  ETIMEOUT: 'DNS query timed out',
  ECANCELLED: 'DNS query timed out',
  EBADRESP: 'Malformed DNS answer',
  CERT_HAS_EXPIRED: 'TLS: certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: unable to verify the certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
  CERT_NOT_YET_VALID: 'TLS: certificate is not yet valid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS: the target does not speak TLS on this port',
  HPE_HEADER_OVERFLOW: 'Response headers too large',
  HPE_INVALID_CONSTANT: 'Not an HTTP response',
  HPE_INVALID_VERSION: 'Not an HTTP response',
  HPE_INVALID_STATUS: 'Invalid HTTP status line',
  HPE_INVALID_HEADER_TOKEN: 'Invalid HTTP header',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Invalid Content-Length',
  HPE_INVALID_CHUNK_SIZE: 'Invalid chunked body',
};

export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const known = MESSAGES[code];
  if (known) return `${known} (${code})`;
  if (code.startsWith('HPE_')) return `Invalid HTTP response (${code})`;
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return `TLS error (${code})`;
  const text = (e?.message ?? String(error)).split('\n')[0]!.slice(0, 300);
  return code ? `${text} (${code})` : text;
}

export function isAbort(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError' || (error as NodeJS.ErrnoException)?.code === 'ABORT_ERR';
}

export function timeoutMessage(timeoutMs: number, phase?: string): string {
  const seconds = timeoutMs / 1000;
  return `Timed out after ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s${phase ? ` (${phase})` : ''}`;
}
