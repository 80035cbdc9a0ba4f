import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, openSse, until } from './support/client';
import { startServer, type RunningServer } from './support/server';
import { logLines } from './logs-helpers';

const TOKEN = 'it-loki-token-0123456789';
const ns = (offsetMs = 0) => `${BigInt(Date.now() + offsetMs) * 1_000_000n}`;

/** A push as Grafana Alloy / Promtail would send it in JSON: several streams, labels, metadata. */
function lokiPayload(tag: string) {
  return {
    streams: [
      {
        stream: {
          job: 'edge-proxy',
          container: 'edge',
          level: 'warn',
          env: 'prod',
          filename: '/var/log/edge.log',
        },
        values: [
          [ns(-2), `${tag} upstream "checkout" slow: 2140ms`],
          [ns(-1), `${tag} retrying request id=81f2`, { trace_id: '4bf92f3577b34da6' }],
        ],
      },
      {
        stream: { service_name: 'edge', stream: 'stderr' },
        values: [[ns(), `{"level":"error","msg":"${tag} upstream reset","code":502}`]],
      },
    ],
  };
}

describe('Loki push, the logs API and the logs stream', () => {
  let server: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer({
      env: { LOKI_PUSH_TOKEN: TOKEN, DOCKER_HOST: 'unix:///tmp/signalboard-no-engine/docker.sock' },
    });
    cookie = await loginCookie(server.base);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const push = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${server.base}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const search = async (query: string) => {
    const res = await fetch(`${server.base}/api/logs/search?${query}`, { headers: { cookie } });
    return {
      status: res.status,
      body: (await res.json()) as {
        lines?: { line: string; level: string; stream: string }[];
        error?: string;
      },
    };
  };

  it('stores a real Loki payload and sends it to the live tail', async () => {
    const client = openSse(server.base, '/api/events?streams=logs&container=edge', { cookie });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    const res = await push(JSON.stringify(lokiPayload('first')));
    expect(res.status).toBe(204);
    await until(() => logLines(client.messages).length === 3);
    expect(logLines(client.messages).map((l) => [l.level, l.stream, l.line.slice(0, 20)])).toEqual([
      ['warn', 'stdout', 'first upstream "chec'],
      ['warn', 'stdout', 'first retrying reque'],
      ['error', 'stderr', '{"level":"error","ms'],
    ]);
    const found = await search('q=first%20retrying&container=edge');
    expect(found.body.lines?.map((l) => l.line)).toEqual(['first retrying request id=81f2']);
    client.close();
  });

  it('takes gzip bodies and Basic auth with the token as the password', async () => {
    const body = gzipSync(JSON.stringify(lokiPayload('zipped')));
    const basic = `Basic ${Buffer.from(`tenant-1:${TOKEN}`).toString('base64')}`;
    const res = await push(body, { 'content-encoding': 'gzip', authorization: basic });
    expect(res.status).toBe(204);
    expect((await search('q=zipped')).body.lines).toHaveLength(3);
  });

  it('refuses bad tokens (401), bad bodies (400, naming the problem, storing nothing) and big ones (413)', async () => {
    expect((await push('{"streams":[]}', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await push('{"streams":[]}', { authorization: '' })).status).toBe(401);
    const notJson = await push('{"streams": [');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/^Body is not valid JSON/);
    const bad = lokiPayload('never-stored');
    (bad.streams[1]!.values[0] as unknown[])[0] = 1764000000000;
    const shape = await push(JSON.stringify(bad));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: string }).error).toBe(
      'streams[1].values[0][0]: the timestamp must be a string of nanoseconds since the epoch.',
    );
    expect((await search('q=never-stored')).body.lines).toEqual([]);
    const big = await push(
      JSON.stringify({ streams: [{ stream: {}, values: [[ns(), 'x'.repeat(6 * 1024 * 1024)]] }] }),
    );
    expect(big.status).toBe(413);
    const bomb = await push(gzipSync(Buffer.alloc(30 * 1024 * 1024, 32)), { 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect((await push('{}', { 'content-type': 'application/x-protobuf' })).status).toBe(400);
    expect((await push('{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('takes the protobuf form Promtail and Grafana Alloy send (snappy)', async () => {
    const varint = (n: number) => {
      const out: number[] = [];
      for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
      return Buffer.from([...out, n]);
    };
    const field = (num: number, value: Buffer | number) =>
      typeof value === 'number'
        ? Buffer.concat([varint(num * 8), varint(value)])
        : Buffer.concat([varint(num * 8 + 2), varint(value.length), value]);
    const seconds = Math.floor(Date.now() / 1000);
    const entry = (line: string) =>
      field(
        2,
        Buffer.concat([
          field(1, Buffer.concat([field(1, seconds), field(2, 5)])),
          field(2, Buffer.from(line)),
        ]),
      );
    const request = field(
      1,
      Buffer.concat([
        field(1, Buffer.from('{job="promtail", container="proto", level="warn"}')),
        entry('proto one'),
        entry('proto two'),
      ]),
    );
    // Snappy with literal elements only (a valid stream for any decoder).
    const parts: Buffer[] = [varint(request.length)];
    for (let at = 0; at < request.length; at += 60) {
      const chunk = request.subarray(at, at + 60);
      parts.push(Buffer.from([(chunk.length - 1) << 2]), chunk);
    }
    const res = await push(Buffer.concat(parts), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(204);
    const found = await search('container=proto');
    expect(found.body.lines?.map((l) => [l.line, l.level])).toEqual([
      ['proto two', 'warn'],
      ['proto one', 'warn'],
    ]);
  });

  it('cuts a line over the limit and marks it, never dropping it', async () => {
    const res = await push(
      JSON.stringify({
        streams: [{ stream: { app: 'long' }, values: [[ns(), `huge ${'y'.repeat(20_000)}`]] }],
      }),
    );
    expect(res.status).toBe(204);
    const found = await search('container=long');
    expect(found.body.lines).toHaveLength(1);
    expect(found.body.lines![0]).toMatchObject({ truncated: true });
    expect(found.body.lines![0]!.line).toHaveLength(8192);
  });

  it('answers 400 for an invalid pattern and 404 for an unknown container', async () => {
    const regex = await search('regex=(unclosed');
    expect(regex.status).toBe(400);
    expect(regex.body.error).toMatch(/^regex is not a valid regular expression: .*Unterminated group/);
    const unknown = await search('container=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('No container or pushed stream named "nope"');
    expect((await fetch(`${server.base}/api/logs/tail?container=nope`, { headers: { cookie } })).status).toBe(
      404,
    );
    const sse = await fetch(`${server.base}/api/events?streams=logs&q=(a`, { headers: { cookie } });
    expect(sse.status).toBe(400);
    expect(((await sse.json()) as { error: string }).error).toMatch(/^q is not a valid regular expression/);
    expect((await search('level=loud')).status).toBe(400);
  });

  it('filters the stream on the server by level and pattern, and resumes without a gap', async () => {
    const client = openSse(server.base, '/api/events?streams=logs&container=edge&level=error&q=reset', {
      cookie,
    });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    expect((await push(JSON.stringify(lokiPayload('live-1')))).status).toBe(204);
    await until(() => logLines(client.messages).length === 1);
    expect(logLines(client.messages)[0]!.line).toContain('live-1 upstream reset');
    const resumeFrom = client.ids().at(-1)!;
    client.close();
    await client.closed;
    expect((await push(JSON.stringify(lokiPayload('missed-1')))).status).toBe(204);
    expect((await push(JSON.stringify(lokiPayload('missed-2')))).status).toBe(204);
    const again = openSse(server.base, '/api/events?streams=logs&container=edge&level=error&q=reset', {
      cookie,
      'last-event-id': String(resumeFrom),
    });
    await until(() => logLines(again.messages).length === 2);
    expect((await push(JSON.stringify(lokiPayload('live-2')))).status).toBe(204);
    await until(() => logLines(again.messages).length === 3);
    expect(logLines(again.messages).map((l) => l.line.match(/"msg":"(\S+)/)?.[1])).toEqual([
      'missed-1',
      'missed-2',
      'live-2',
    ]);
    again.close();
  });

  it('says the engine is unreachable, with a retry time, and keeps serving', async () => {
    const res = await fetch(`${server.base}/api/logs/containers`, { headers: { cookie } });
    const body = (await res.json()) as { engine: { kind: string; error: string; retryAt: number } };
    expect(body.engine).toMatchObject({ kind: 'unreachable' });
    expect(body.engine.error).toContain('no socket');
    expect(body.engine.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });
});
