// The practical limit for SSE fan-out on Node: plain node:http, one shared Buffer per event written to
// every open response. Same response headers, frame format (`id:`, `event:`, `data:` JSON with `ts`, the
// publish time in ms) and ping interval as Signalboard's hub, and an HTTP endpoint to publish, so the
// benchmark drives both servers the same way.
//
//   PORT=4100 node bench/sse-fanout/minimal-server.mjs
//   GET  /api/events            -> text/event-stream
//   POST /api/events {type,data} -> broadcast, answers {"ok":true,"ids":[n]}
//   GET  /api/health            -> 200
//
// Diagnostic variants (run.mjs contenders minimal-raw and minimal-als):
//   MINIMAL_WRITE=socket  each event is framed as one HTTP chunk once, and that Buffer is written
//                         straight to every socket (no ServerResponse.write: no per-write cork/nextTick)
//   MINIMAL_ALS=n         n AsyncLocalStorage instances hold a store, which turns on the async_hooks
//                         init hook for every async resource, as Next does in Signalboard's process
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 4100);
const host = process.env.HOST ?? '127.0.0.1';
const PING = Buffer.from(': ping\n\n');
const RAW = process.env.MINIMAL_WRITE === 'socket';
const CRLF = Buffer.from('\r\n');
for (let i = 0; i < Number(process.env.MINIMAL_ALS ?? 0); i++) new AsyncLocalStorage().enterWith({ i });

const clients = new Set();
let lastId = 0;

function subscribe(req, res) {
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.write('retry: 3000\n\n');
  res.write(`event: hello\ndata: {"lastId":${lastId}}\n\n`);
  clients.add(res);
  res.on('close', () => clients.delete(res));
}

function publish(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"ok":false}');
      return;
    }
    const id = ++lastId;
    const frame = Buffer.from(
      `id: ${id}\nevent: ${body.type}\ndata: ${JSON.stringify({ ...body.data, ts: Date.now() })}\n\n`,
    );
    if (RAW) {
      // The same bytes ServerResponse.write would send with chunked encoding, built once.
      const chunk = Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`), frame, CRLF]);
      for (const client of clients) client.socket?.write(chunk);
    } else {
      for (const client of clients) client.write(frame);
    }
    res.writeHead(201, { 'Content-Type': 'application/json' }).end(`{"ok":true,"ids":[${id}]}`);
  });
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/api/events' && req.method === 'GET') return subscribe(req, res);
  if (path === '/api/events' && req.method === 'POST') return publish(req, res);
  if (path === '/api/health')
    return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  res.writeHead(404).end();
});

setInterval(() => {
  for (const client of clients) client.write(PING);
}, 15_000).unref();

server.listen(port, host, () => console.log(`[minimal] listening on http://${host}:${port}`));
const stop = () => {
  for (const client of clients) client.destroy();
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
