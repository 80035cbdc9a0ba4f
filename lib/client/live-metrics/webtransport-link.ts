/**
 * The WebTransport link: an HTTP/3 session to the server's UDP port. The browser sends no cookie
 * there, so the page first asks the web app for a short-lived token (its session cookie proves who it
 * is) and the current certificate hashes (the certificate is self-signed and short-lived, which is
 * what `serverCertificateHashes` allows). Samples and pings travel as datagrams; the server's hello
 * and confirmations arrive on a stream it opens; commands go on a stream the page opens.
 */
import { StreamFrameReader, decodeServerFrame, encodeStreamFrame } from '../../events/metrics-frames';
import type { LinkHandlers, MetricsLink } from './link';

/** What GET /api/live-metrics answers. */
export interface LiveMetricsInfo {
  webtransport: {
    port: number;
    path: string;
    /** SHA-256 of each certificate the server may present, base64; empty with an operator certificate. */
    certificateHashes: string[];
  } | null;
}

export interface WebTransportLinkOptions {
  /** Give up (and let the caller fall back) when the session is not ready by then. */
  timeoutMs: number;
  hostname?: string;
}

/** True when this browser has the WebTransport API at all. */
export function hasWebTransport(): boolean {
  return typeof globalThis.WebTransport === 'function';
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 401) throw Object.assign(new Error('signed out'), { signedOut: true });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The session URL and options: fetched afresh for every attempt, so a rotated certificate is picked up. */
async function prepare(hostname: string): Promise<{ url: string; options: WebTransportOptions }> {
  const [info, grant] = await Promise.all([
    fetch('/api/live-metrics', { cache: 'no-store' }).then((r) => json<LiveMetricsInfo>(r)),
    fetch('/api/live-metrics/token', { method: 'POST', cache: 'no-store' }).then((r) =>
      json<{ token: string }>(r),
    ),
  ]);
  const wt = info.webtransport;
  if (!wt) throw new Error('WebTransport is not enabled on this server');
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  const url = `https://${host}:${wt.port}${wt.path}?token=${encodeURIComponent(grant.token)}`;
  const options: WebTransportOptions = {};
  if (wt.certificateHashes.length > 0) {
    options.serverCertificateHashes = wt.certificateHashes.map((value) => ({
      algorithm: 'sha-256',
      value: fromBase64(value),
    }));
  }
  return { url, options };
}

export function openWebTransportLink(handlers: LinkHandlers, options: WebTransportLinkOptions): MetricsLink {
  let transport: WebTransport | null = null;
  let commands: WritableStreamDefaultWriter<Uint8Array> | null = null;
  let datagrams: WritableStreamDefaultWriter<Uint8Array> | null = null;
  let opened = false;
  let done = false;

  const finish = (reason: string, signedOut = false) => {
    if (done) return;
    done = true;
    try {
      transport?.close();
    } catch {
      // already closed
    }
    handlers.onClose({ opened, reason, signedOut });
  };
  const deliver = (bytes: Uint8Array) => {
    if (done) return;
    const decoded = decodeServerFrame(bytes);
    if (decoded.ok) handlers.onFrame(decoded.frame);
    else handlers.onInvalid?.(decoded.error);
  };

  const timer = setTimeout(() => finish(`not ready within ${options.timeoutMs} ms`), options.timeoutMs);

  void (async () => {
    const { url, options: wtOptions } = await prepare(options.hostname ?? window.location.hostname);
    if (done) return;
    const wt = new WebTransport(url, wtOptions);
    transport = wt;
    wt.closed.then(
      (info) => finish(info.reason ? `closed: ${info.reason}` : 'closed'),
      (error: unknown) => finish(opened ? 'connection lost' : `could not connect (${String(error)})`),
    );
    await wt.ready;
    if (done) return;
    clearTimeout(timer);
    opened = true;
    datagrams = wt.datagrams.writable.getWriter();
    const bidi = await wt.createBidirectionalStream();
    commands = bidi.writable.getWriter();
    void readDatagrams(wt, deliver);
    void readServerStreams(wt, deliver);
  })().catch((error: unknown) => {
    clearTimeout(timer);
    const signedOut = (error as { signedOut?: boolean }).signedOut === true;
    finish(error instanceof Error ? error.message : String(error), signedOut);
  });

  return {
    transport: 'webtransport',
    send(frame, lossy) {
      if (done) return;
      if (lossy && datagrams) void datagrams.write(frame).catch(() => undefined);
      else if (commands) void commands.write(encodeStreamFrame(frame)).catch(() => undefined);
    },
    close() {
      done = true;
      clearTimeout(timer);
      try {
        transport?.close({ closeCode: 0, reason: 'page closed the panel' });
      } catch {
        // already closed
      }
    },
  };
}

async function readDatagrams(wt: WebTransport, deliver: (bytes: Uint8Array) => void): Promise<void> {
  const reader = (wt.datagrams.readable as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      deliver(value);
    }
  } catch {
    // the session closed; `closed` reports why
  }
}

/** Reads every stream the server opens (one today: hello, then confirmations and errors). */
async function readServerStreams(wt: WebTransport, deliver: (bytes: Uint8Array) => void): Promise<void> {
  const streams = (
    wt.incomingUnidirectionalStreams as ReadableStream<ReadableStream<Uint8Array>>
  ).getReader();
  try {
    for (;;) {
      const { value: stream, done } = await streams.read();
      if (done) return;
      void (async () => {
        const frames = new StreamFrameReader();
        const reader = stream.getReader();
        try {
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) return;
            for (const frame of frames.push(chunk.value)) deliver(frame);
          }
        } catch {
          // stream reset
        }
      })();
    }
  } catch {
    // the session closed
  }
}
