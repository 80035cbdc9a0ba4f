/**
 * Runs inside the benchmark's Chromium page (bundled by run.mjs with esbuild): opens one live metrics
 * session over WebTransport or the WebSocket fallback, exactly as the panel does (token and
 * certificate hashes from the API for WebTransport; the session cookie for the WebSocket), asks for
 * `rate` Hz, and for `seconds` counts samples, sequence gaps and ping round trips. No rendering: the
 * page does nothing else, so the figures are the transport's.
 */
import {
  ALL_METRICS_MASK,
  StreamFrameReader,
  decodeServerFrame,
  encodeConfigure,
  encodePing,
  encodeStreamFrame,
  type ServerFrame,
} from '../../lib/events/metrics-frames';

export interface ProbeOptions {
  transport: 'webtransport' | 'websocket';
  rate: number;
  seconds: number;
  /** Settle time after the configure before counting. */
  warmupMs: number;
  pingEveryMs: number;
}

export interface ProbeResult {
  transport: string;
  openMs: number;
  received: number;
  lost: number;
  reordered: number;
  seconds: number;
  rtts: number[];
  pingsSent: number;
  error?: string;
}

interface Link {
  send(frame: Uint8Array, lossy: boolean): void;
  close(): void;
}

async function openWebTransport(onFrame: (f: ServerFrame) => void): Promise<Link> {
  const info = (await (await fetch('/api/live-metrics')).json()) as {
    webtransport: { port: number; path: string; certificateHashes: string[] } | null;
  };
  if (!info.webtransport) throw new Error('WebTransport listener not running');
  const { token } = (await (await fetch('/api/live-metrics/token', { method: 'POST' })).json()) as {
    token: string;
  };
  const hashes = info.webtransport.certificateHashes.map((h) => ({
    algorithm: 'sha-256',
    value: Uint8Array.from(atob(h), (c) => c.charCodeAt(0)),
  }));
  const url = `https://${location.hostname}:${info.webtransport.port}${info.webtransport.path}?token=${token}`;
  const wt = new WebTransport(url, { serverCertificateHashes: hashes });
  await wt.ready;
  const deliver = (bytes: Uint8Array) => {
    const d = decodeServerFrame(bytes);
    if (d.ok) onFrame(d.frame);
  };
  void (async () => {
    const reader = (wt.datagrams.readable as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      deliver(value);
    }
  })();
  void (async () => {
    const streams = (
      wt.incomingUnidirectionalStreams as ReadableStream<ReadableStream<Uint8Array>>
    ).getReader();
    const { value: stream } = await streams.read();
    if (!stream) return;
    const reader = stream.getReader();
    const frames = new StreamFrameReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      for (const f of frames.push(value)) deliver(f);
    }
  })();
  const datagrams = wt.datagrams.writable.getWriter();
  const commands = (await wt.createBidirectionalStream()).writable.getWriter();
  return {
    send: (frame, lossy) =>
      void (lossy ? datagrams.write(frame) : commands.write(encodeStreamFrame(frame))).catch(() => undefined),
    close: () => wt.close(),
  };
}

async function openWebSocket(onFrame: (f: ServerFrame) => void): Promise<Link> {
  const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/metrics`);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
    const d = decodeServerFrame(new Uint8Array(event.data));
    if (d.ok) onFrame(d.frame);
  };
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('WebSocket did not open'));
  });
  return { send: (frame) => ws.send(frame), close: () => ws.close() };
}

export async function runProbe(options: ProbeOptions): Promise<ProbeResult> {
  const result: ProbeResult = {
    transport: options.transport,
    openMs: 0,
    received: 0,
    lost: 0,
    reordered: 0,
    seconds: 0,
    rtts: [],
    pingsSent: 0,
  };
  let counting = false;
  let pongs = false;
  let highest: number | null = null;
  let hello: () => void = () => undefined;
  const helloSeen = new Promise<void>((resolve) => (hello = resolve));
  const onFrame = (frame: ServerFrame) => {
    if (frame.type === 'hello') hello();
    if (frame.type === 'pong' && pongs) result.rtts.push(performance.now() - frame.sentAt);
    if (frame.type !== 'sample' || !counting) return;
    result.received++;
    if (highest === null) highest = frame.seq;
    else if (frame.seq > highest) {
      result.lost += frame.seq - highest - 1;
      highest = frame.seq;
    } else if (result.lost > 0) {
      result.lost--;
      result.reordered++;
    }
  };
  const started = performance.now();
  let link: Link;
  try {
    link = await (options.transport === 'webtransport' ? openWebTransport(onFrame) : openWebSocket(onFrame));
    await helloSeen;
  } catch (error) {
    result.error = String(error);
    return result;
  }
  result.openMs = performance.now() - started;
  link.send(encodeConfigure(options.rate, ALL_METRICS_MASK), false);
  await new Promise((r) => setTimeout(r, options.warmupMs));
  counting = true;
  pongs = true;
  const t0 = performance.now();
  let id = 0;
  const pinger = setInterval(() => {
    link.send(encodePing(++id, performance.now()), true);
    result.pingsSent++;
  }, options.pingEveryMs);
  await new Promise((r) => setTimeout(r, options.seconds * 1000));
  clearInterval(pinger);
  counting = false;
  result.seconds = (performance.now() - t0) / 1000;
  // Pongs of the last pings may still be on their way.
  await new Promise((r) => setTimeout(r, 100));
  pongs = false;
  link.close();
  return result;
}

(globalThis as { __probe?: typeof runProbe }).__probe = runProbe;
