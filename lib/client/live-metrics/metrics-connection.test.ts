import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ALL_METRICS_MASK,
  METRIC_COUNT,
  decodeClientFrame,
  type ServerFrame,
} from '../../events/metrics-frames';
import type { LinkHandlers, MetricsLink, MetricsTransport } from './link';
import { MetricsConnection } from './metrics-connection';
import { openWebTransportLink } from './webtransport-link';

/** A link the test drives by hand, recording what the connection sends. */
function fakeLink(transport: MetricsTransport) {
  const link = {
    transport,
    handlers: null as LinkHandlers | null,
    sent: [] as { frame: Uint8Array; lossy: boolean }[],
    closed: false,
    open: (handlers: LinkHandlers): MetricsLink => {
      link.handlers = handlers;
      return {
        transport,
        send: (frame, lossy) => link.sent.push({ frame, lossy }),
        close: () => (link.closed = true),
      };
    },
  };
  return link;
}

const hello = (rate = 10): ServerFrame => ({
  type: 'hello',
  version: 1,
  rate,
  mask: ALL_METRICS_MASK,
  serverVersion: '0.1.0',
  metrics: [],
  snapshot: [],
});
const sample = (seq: number): ServerFrame => ({
  type: 'sample',
  seq,
  time: 1_000_000 + seq * 100,
  mask: ALL_METRICS_MASK,
  values: new Float64Array(METRIC_COUNT).fill(1),
});

describe('MetricsConnection', () => {
  let connection: MetricsConnection | null = null;
  afterEach(() => {
    connection?.dispose();
    vi.unstubAllGlobals();
  });

  it('uses WebTransport when it opens, and asks for the chosen rate after the hello', () => {
    const wt = fakeLink('webtransport');
    const ws = fakeLink('websocket');
    connection = new MetricsConnection({
      openWebTransport: wt.open,
      openWebSocket: ws.open,
      hasWebTransport: () => true,
    });
    connection.configure(60, ALL_METRICS_MASK);
    connection.start({ online: true, visible: true });
    expect(wt.handlers).not.toBeNull();
    expect(ws.handlers).toBeNull();
    wt.handlers!.onFrame(hello(10));
    const status = connection.getStatus();
    expect(status.status.kind).toBe('connected');
    expect(status.transport).toBe('webtransport');
    const configure = wt.sent
      .map((s) => decodeClientFrame(s.frame))
      .find((d) => d.ok && d.frame.type === 'configure');
    expect(configure).toEqual({ ok: true, frame: { type: 'configure', rate: 60, mask: ALL_METRICS_MASK } });
  });

  it('falls back to the WebSocket at once when WebTransport does not open, and says why', () => {
    const wt = fakeLink('webtransport');
    const ws = fakeLink('websocket');
    connection = new MetricsConnection({
      openWebTransport: wt.open,
      openWebSocket: ws.open,
      hasWebTransport: () => true,
    });
    connection.start({ online: true, visible: true });
    wt.handlers!.onClose({ opened: false, reason: 'not ready within 3000 ms' });
    expect(ws.handlers).not.toBeNull();
    ws.handlers!.onFrame(hello());
    const status = connection.getStatus();
    expect(status.transport).toBe('websocket');
    expect(status.fallbackReason).toBe('WebTransport not ready within 3000 ms');
  });

  it('goes straight to the WebSocket where the browser has no WebTransport', () => {
    const wt = fakeLink('webtransport');
    const ws = fakeLink('websocket');
    connection = new MetricsConnection({
      openWebTransport: wt.open,
      openWebSocket: ws.open,
      hasWebTransport: () => false,
    });
    connection.start({ online: true, visible: true });
    expect(wt.handlers).toBeNull();
    ws.handlers!.onFrame(hello());
    expect(connection.getStatus().fallbackReason).toBe('this browser has no WebTransport');
  });

  it('measures loss from sequence gaps (shown twice a second), and starts afresh on a new session', () => {
    vi.useFakeTimers();
    const wt = fakeLink('webtransport');
    connection = new MetricsConnection({ openWebTransport: wt.open, hasWebTransport: () => true });
    connection.start({ online: true, visible: true });
    wt.handlers!.onFrame(hello());
    for (const seq of [0, 1, 2, 5, 6]) wt.handlers!.onFrame(sample(seq));
    vi.advanceTimersByTime(500);
    let status = connection.getStatus();
    expect(status.received).toBe(5);
    expect(status.lost).toBe(2);
    wt.handlers!.onFrame(hello());
    status = connection.getStatus();
    expect(status.lost).toBe(0);
    vi.useRealTimers();
  });

  it('reconnects with backoff after a session that had opened ends', () => {
    vi.useFakeTimers();
    const wt = fakeLink('webtransport');
    connection = new MetricsConnection({ openWebTransport: wt.open, hasWebTransport: () => true });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 200 })),
    );
    connection.start({ online: true, visible: true });
    wt.handlers!.onFrame(hello());
    const first = wt.handlers;
    first!.onClose({ opened: true, reason: 'closed' });
    expect(connection.getStatus().status.kind).toBe('reconnecting');
    vi.advanceTimersByTime(61_000);
    expect(wt.handlers).not.toBe(first);
    vi.useRealTimers();
  });
});

describe('openWebTransportLink', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives up when the session is not ready in time, so the panel can fall back', async () => {
    vi.stubGlobal('window', { location: { hostname: '127.0.0.1' } });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        Response.json(
          url.endsWith('/token')
            ? { token: 'sbwt_x' }
            : { webtransport: { port: 4433, path: '/metrics', certificateHashes: ['AAAA'] } },
        ),
      ),
    );
    const created: string[] = [];
    vi.stubGlobal(
      'WebTransport',
      class {
        ready = new Promise(() => undefined);
        closed = new Promise(() => undefined);
        constructor(url: string) {
          created.push(url);
        }
        close() {}
      },
    );
    const closed = new Promise<{ opened: boolean; reason: string }>((resolve) =>
      openWebTransportLink({ onFrame: () => undefined, onClose: resolve }, { timeoutMs: 100 }),
    );
    const info = await closed;
    expect(info.opened).toBe(false);
    expect(info.reason).toMatch(/not ready within 100 ms/);
    expect(created[0]).toBe('https://127.0.0.1:4433/metrics?token=sbwt_x');
  });
});
