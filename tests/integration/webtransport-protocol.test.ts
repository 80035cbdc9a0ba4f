import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { H3_ERROR } from '../../broker/webtransport/h3-errors';
import {
  FRAME,
  SETTING,
  STREAM_TYPE,
  encodeFrame,
  encodeSettings,
} from '../../broker/webtransport/h3-frames';
import { ByteWriter, encodeVarint } from '../../broker/webtransport/varint';
import {
  METRICS_ERROR,
  StreamFrameReader,
  decodeServerFrame,
  encodeConfigure,
  encodePing,
  encodeStreamFrame,
  maskOf,
  type ServerFrame,
} from '../../lib/events/metrics-frames';
import { loginCookie } from './support/client';
import { freePort, startServer, type RunningServer } from './support/server';
import { H3TestClient } from './support/webtransport-client';

/** Frames of a session's server-opened stream, decoded. */
function streamFrames(client: H3TestClient, sessionId: number): ServerFrame[] {
  const [stream] = client.serverStreams(sessionId);
  if (!stream) return [];
  return new StreamFrameReader().push(stream.data).flatMap((f) => {
    const d = decodeServerFrame(f);
    return d.ok ? [d.frame] : [];
  });
}

function samples(client: H3TestClient, sessionId: number) {
  return client.datagramsFor(sessionId).flatMap((d) => {
    const decoded = decodeServerFrame(d);
    return decoded.ok && decoded.frame.type === 'sample' ? [decoded.frame] : [];
  });
}

describe('WebTransport listener: HTTP/3, sessions and bad input', () => {
  let server: RunningServer;
  let cookie: string;
  let wtPort: number;
  const clients: H3TestClient[] = [];
  const connect = async (settings?: [number, number][] | null) => {
    const c = await H3TestClient.connect(wtPort, settings);
    clients.push(c);
    return c;
  };
  const token = async () => {
    const res = await fetch(`${server.base}/api/live-metrics/token`, {
      method: 'POST',
      headers: { cookie, origin: server.base },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const closedWith = async (client: H3TestClient, code: number) => {
    await client.until(() => client.closeInfo().peer !== null, 5_000, 'connection close');
    expect(client.closeInfo().peer).toBe(code);
  };

  beforeAll(async () => {
    wtPort = await freePort();
    server = await startServer({ env: { WT_PORT: String(wtPort) } });
    cookie = await loginCookie(server.base);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('tells signed-in pages the port, path and certificate hash, and refuses strangers', async () => {
    expect((await fetch(`${server.base}/api/live-metrics`)).status).toBe(401);
    const info = (await (await fetch(`${server.base}/api/live-metrics`, { headers: { cookie } })).json()) as {
      webtransport: { port: number; path: string; certificateHashes: string[] };
    };
    expect(info.webtransport.port).toBe(wtPort);
    expect(info.webtransport.path).toBe('/metrics');
    expect(info.webtransport.certificateHashes[0]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await fetch(`${server.base}/api/live-metrics/token`, { method: 'POST' })).status).toBe(401);
  });

  it('routes by path and checks the token: 404, 401, 403, then 200 with the draft-02 header', async () => {
    const c = await connect();
    expect((await c.status(c.connectWebTransport('/elsewhere'))).status).toBe(404);
    expect((await c.status(c.connectWebTransport('/metrics'))).status).toBe(401);
    expect((await c.status(c.connectWebTransport('/metrics?token=sbwt_forged'))).status).toBe(403);
    const t = await token();
    const ok = await c.status(c.connectWebTransport(`/metrics?token=${t}`));
    expect(ok.status).toBe(200);
    expect(ok.fields).toContainEqual(['sec-webtransport-http3-draft', 'draft02']);
    // A token works once.
    expect((await c.status(c.connectWebTransport(`/metrics?token=${t}`))).status).toBe(403);
  });

  it('opens a session: hello on a server stream, commands on a client stream, samples and pongs as datagrams', async () => {
    const c = await connect();
    const session = c.connectWebTransport(`/metrics?token=${await token()}`);
    expect((await c.status(session)).status).toBe(200);
    await c.until(() => streamFrames(c, session).some((f) => f.type === 'hello'), 5_000, 'hello');
    const hello = streamFrames(c, session)[0]!;
    expect(hello.type === 'hello' && hello.metrics.length).toBeGreaterThan(20);

    // draft-02 §4.2: a bidirectional stream starts with 0x41 and the session id.
    const mask = maskOf(['cpu', 'rss']);
    const commands = new ByteWriter()
      .varint(FRAME.WEBTRANSPORT_STREAM)
      .varint(session)
      .bytes(encodeStreamFrame(encodeConfigure(30, mask)));
    c.bidi(commands.finish());
    await c.until(() => streamFrames(c, session).some((f) => f.type === 'config'), 5_000, 'config');
    const before = samples(c, session).length;
    await new Promise((r) => setTimeout(r, 2_000));
    const got = samples(c, session)
      .slice(before)
      .filter((s) => s.mask === mask);
    expect(got.length).toBeGreaterThanOrEqual(45);
    expect(got.length).toBeLessThanOrEqual(64);
    expect(got.every((s, i) => i === 0 || s.seq === got[i - 1]!.seq + 1)).toBe(true);
    expect(samples(c, session)[0]!.values.length).toBeGreaterThan(0);

    c.sendDatagram(session, encodePing(5, 123.5));
    await c.until(() => c.datagramsFor(session).some((d) => d[0] === 0x11), 5_000, 'pong');
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toMatch(/signalboard_connections\{transport="webtransport"\} [1-9]/);
    expect(metrics).toMatch(/signalboard_messages_total\{transport="webtransport",direction="out"\} [1-9]/);
  });

  it('answers garbage datagrams with error frames and ends the session after too many; the listener carries on', async () => {
    const c = await connect();
    const session = c.connectWebTransport(`/metrics?token=${await token()}`);
    expect((await c.status(session)).status).toBe(200);
    c.sendDatagram(session, Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
    c.sendDatagram(session, new Uint8Array(500).fill(0x20));
    c.sendDatagram(64, Uint8Array.of(1)); // a session that does not exist: dropped (RFC 9297 §2.1)
    await c.until(
      () => streamFrames(c, session).filter((f) => f.type === 'error').length >= 2,
      5_000,
      'error frames',
    );
    for (let i = 0; i < 10; i++) c.sendDatagram(session, Uint8Array.of(0x99));
    await c.until(() => c.streams.get(session)?.fin === true, 5_000, 'session end');
    const errors = streamFrames(c, session).filter((f) => f.type === 'error');
    expect(errors.at(-1)).toMatchObject({ code: METRICS_ERROR.tooManyInvalid });
    expect(c.closeInfo().peer).toBeNull(); // the connection itself is fine
    const next = c.connectWebTransport(`/metrics?token=${await token()}`);
    expect((await c.status(next)).status).toBe(200);
  });

  it('closes the connection with the right HTTP/3 error for malformed input', async () => {
    // RFC 9297 §2.1: a datagram without a whole Quarter Stream ID.
    const a = await connect();
    a.sendRawDatagram(Uint8Array.of(0x40));
    await closedWith(a, H3_ERROR.DATAGRAM_ERROR);

    // RFC 9114 §6.2.1: the first frame on a control stream must be SETTINGS.
    const b = await connect(null);
    b.uni(
      new Uint8Array([...encodeVarint(STREAM_TYPE.CONTROL), ...encodeFrame(FRAME.GOAWAY, encodeVarint(0))]),
    );
    await closedWith(b, H3_ERROR.MISSING_SETTINGS);

    // RFC 9114 §7.2.4: a setting sent twice.
    const c = await connect(null);
    const twice = encodeFrame(
      FRAME.SETTINGS,
      new Uint8Array([...encodeVarint(SETTING.H3_DATAGRAM), 1, ...encodeVarint(SETTING.H3_DATAGRAM), 1]),
    );
    c.uni(new Uint8Array([...encodeVarint(STREAM_TYPE.CONTROL), ...twice]));
    await closedWith(c, H3_ERROR.SETTINGS_ERROR);

    // RFC 9114 §6.2.1: a second control stream.
    const d = await connect();
    d.uni(new Uint8Array([...encodeVarint(STREAM_TYPE.CONTROL), ...encodeSettings([])]));
    await closedWith(d, H3_ERROR.STREAM_CREATION_ERROR);

    // RFC 9114 §4.1: DATA before HEADERS on a request stream.
    const e = await connect();
    e.bidi(encodeFrame(FRAME.DATA, Uint8Array.of(1, 2, 3)));
    await closedWith(e, H3_ERROR.FRAME_UNEXPECTED);

    // RFC 9204 §2.2.3: a field section that needs the dynamic table we never allowed.
    const f = await connect();
    f.bidi(encodeFrame(FRAME.HEADERS, Uint8Array.of(0x03, 0x81, 0x10, 0x11)));
    await closedWith(f, H3_ERROR.QPACK_DECOMPRESSION_FAILED);

    // RFC 9114 §7.1: a frame far over the limit is refused before it is buffered.
    const g = await connect();
    g.bidi(new Uint8Array([FRAME.HEADERS, ...encodeVarint(1 << 20)]));
    await closedWith(g, H3_ERROR.EXCESSIVE_LOAD);
  });

  it('refuses a session on a connection whose SETTINGS lack WebTransport (400), and malformed requests per stream', async () => {
    const plain = await connect([[SETTING.H3_DATAGRAM, 1]]);
    const t = await token();
    expect((await plain.status(plain.connectWebTransport(`/metrics?token=${t}`))).status).toBe(400);
    // An upper-case field name is malformed (RFC 9114 §4.2): the stream is reset, the connection lives.
    const c = await connect();
    c.connectWebTransport('/metrics', [['X-Upper', '1']]);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.closeInfo().peer).toBeNull();
    expect((await c.status(c.connectWebTransport('/nothing'))).status).toBe(404);
  });

  it('forgets a session when its client closes the connection (the WebTransport gauge goes back)', async () => {
    const gauge = async () => {
      const text = await (await fetch(`${server.base}/metrics`)).text();
      return Number(/signalboard_connections\{transport="webtransport"\} (\d+)/.exec(text)?.[1]);
    };
    const before = await gauge();
    const c = await H3TestClient.connect(wtPort);
    const session = c.connectWebTransport(`/metrics?token=${await token()}`);
    expect((await c.status(session)).status).toBe(200);
    expect(await gauge()).toBe(before + 1);
    c.close(); // CONNECTION_CLOSE: the server drains, then drops the connection and its session
    const deadline = Date.now() + 5_000;
    while ((await gauge()) !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await gauge()).toBe(before);
  });

  it('limits sessions per address (429), and is still healthy after everything above', async () => {
    const c = await connect();
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const id = c.connectWebTransport(`/metrics?token=${await token()}`);
      const { status } = await c.status(id);
      if (status === 429) limited = true;
      else c.write(id, new Uint8Array(0), true); // end the session again
    }
    expect(limited).toBe(true);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});
