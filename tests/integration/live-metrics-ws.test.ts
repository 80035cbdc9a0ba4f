import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_METRICS_MASK,
  METRICS_ERROR,
  METRIC_COUNT,
  decodeServerFrame,
  encodeConfigure,
  encodePing,
  maskOf,
  type ServerFrame,
} from '../../lib/events/metrics-frames';
import { upgradeStatus } from './support/chat-socket';
import { loginCookie } from './support/client';
import { startServer, type RunningServer } from './support/server';

type Of<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** A real `ws` client of /ws/metrics that decodes every binary frame with the shared codec. */
class MetricsSocket {
  readonly frames: { at: number; frame: ServerFrame }[] = [];
  readonly invalid: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('message', (data: Buffer, isBinary) => {
      const decoded = isBinary ? decodeServerFrame(new Uint8Array(data)) : null;
      if (decoded?.ok) this.frames.push({ at: performance.now(), frame: decoded.frame });
      else this.invalid.push(decoded ? decoded.error : 'text frame');
    });
    ws.on('error', () => undefined);
  }

  static async open(base: string, cookie: string): Promise<MetricsSocket> {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/metrics`, {
      headers: { cookie },
      origin: base,
    });
    const socket = new MetricsSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return socket;
  }

  all<T extends ServerFrame['type']>(type: T): Of<T>[] {
    return this.frames.filter((f) => f.frame.type === type).map((f) => f.frame as Of<T>);
  }

  async next<T extends ServerFrame['type']>(type: T, after = 0, ms = 10_000): Promise<Of<T>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.all(type)[after];
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} frame within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Samples that arrive within `ms` from now. */
  async samplesFor(ms: number): Promise<Of<'sample'>[]> {
    const from = this.all('sample').length;
    await new Promise((r) => setTimeout(r, ms));
    return this.all('sample').slice(from);
  }
}

const consecutive = (seqs: number[]) => seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1);

describe('live metrics over the WebSocket fallback (/ws/metrics)', () => {
  let server: RunningServer;
  let cookie: string;
  const sockets: MetricsSocket[] = [];
  const open = async () => {
    const s = await MetricsSocket.open(server.base, cookie);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startServer();
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await server?.stop();
  });

  it('refuses an upgrade without a session (401), from another origin (403) or with an API key (403)', async () => {
    const path = '/ws/metrics';
    expect((await upgradeStatus(server.base, { Origin: server.base }, path)).status).toBe(401);
    expect(
      (await upgradeStatus(server.base, { Origin: server.base, Cookie: 'sb_session=sbs_forged' }, path))
        .status,
    ).toBe(401);
    expect(
      (await upgradeStatus(server.base, { Origin: 'http://evil.example', Cookie: cookie }, path)).status,
    ).toBe(403);
    expect((await upgradeStatus(server.base, { Cookie: cookie }, path)).status).toBe(403);
    const res = await fetch(`${server.base}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.base },
      body: JSON.stringify({ name: 'metrics-bot', role: 'viewer' }),
    });
    const { key } = (await res.json()) as { key: string };
    const withKey = await upgradeStatus(
      server.base,
      { Origin: server.base, Authorization: `Bearer ${key}` },
      path,
    );
    expect(withKey.status).toBe(403);
    expect((await upgradeStatus(server.base, { Origin: server.base, Cookie: cookie }, path)).status).toBe(
      101,
    );
  });

  it('opens with a hello carrying the metric names and a snapshot, then streams samples', async () => {
    const s = await open();
    const hello = await s.next('hello');
    expect(s.frames[0]!.frame.type).toBe('hello');
    expect(hello.metrics).toHaveLength(METRIC_COUNT);
    expect(hello.metrics.map((m) => m.key)).toContain('loopDelayP99');
    expect(hello.mask).toBe(ALL_METRICS_MASK);
    expect(hello.snapshot.length).toBeGreaterThan(0);
    const sample = await s.next('sample');
    expect(sample.values[0]).toBeGreaterThanOrEqual(0); // CPU
    expect(sample.values.every((v) => Number.isFinite(v))).toBe(true);
    // This socket shows up in the Prometheus series the sampler reads.
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toMatch(/signalboard_connections\{transport="ws"\} [1-9]/);
  });

  it('sends samples at the rate the client chooses, with consecutive sequence numbers and only the chosen metrics', async () => {
    const s = await open();
    await s.next('hello');
    const mask = maskOf(['cpu', 'rss', 'connWs']);
    s.ws.send(encodeConfigure(20, mask));
    expect(await s.next('config')).toEqual({ type: 'config', rate: 20, mask });
    await new Promise((r) => setTimeout(r, 200));
    const at20 = await s.samplesFor(2_000);
    expect(at20.length).toBeGreaterThanOrEqual(34);
    expect(at20.length).toBeLessThanOrEqual(43);
    expect(at20.every((f) => f.mask === mask)).toBe(true);
    expect(consecutive(at20.map((f) => f.seq))).toBe(true);

    s.ws.send(encodeConfigure(60, ALL_METRICS_MASK));
    await s.next('config', 1);
    await new Promise((r) => setTimeout(r, 200));
    const at60 = await s.samplesFor(2_000);
    expect(at60.length).toBeGreaterThanOrEqual(100);
    expect(at60.length).toBeLessThanOrEqual(125);
    expect(consecutive(at60.map((f) => f.seq))).toBe(true);

    s.ws.send(encodeConfigure(1, ALL_METRICS_MASK));
    await s.next('config', 2);
    await new Promise((r) => setTimeout(r, 100));
    const at1 = await s.samplesFor(2_100);
    expect(at1.length).toBeGreaterThanOrEqual(1);
    expect(at1.length).toBeLessThanOrEqual(3);
    expect(s.invalid).toEqual([]);
  });

  it('answers a ping with a pong that echoes the client time', async () => {
    const s = await open();
    await s.next('hello');
    const sentAt = performance.now();
    s.ws.send(encodePing(7, sentAt));
    const pong = await s.next('pong');
    expect(pong.id).toBe(7);
    expect(pong.sentAt).toBe(sentAt);
    expect(performance.now() - pong.sentAt).toBeLessThan(1_000);
  });

  it('answers bad frames with error frames, closes after too many, and refuses oversized ones with 1009', async () => {
    const s = await open();
    await s.next('hello');
    s.ws.send(encodeConfigure(61, 1));
    expect((await s.next('error')).code).toBe(METRICS_ERROR.badConfigure);
    s.ws.send('{"type":"configure"}');
    expect((await s.next('error', 1)).code).toBe(METRICS_ERROR.invalidFrame);
    for (let i = 0; i < 10; i++) s.ws.send(Uint8Array.of(0xde, 0xad));
    const closed = await s.closed;
    expect(closed.code).toBe(1008);
    expect(s.all('error').at(-1)!.code).toBe(METRICS_ERROR.tooManyInvalid);

    const big = await open();
    await big.next('hello');
    big.ws.send(new Uint8Array(4096));
    expect((await big.closed).code).toBe(1009);

    // The server is unharmed: a new socket still gets samples.
    const after = await open();
    await after.next('sample');
  });
});
