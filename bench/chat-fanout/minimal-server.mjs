// The practical limit for WebSocket chat fan-out on Node: a `ws` server that writes every text frame
// it receives to every open socket, with nothing else (no auth, no validation, no storage). The same
// path (/ws/chat), TCP_NODELAY (ws sets it on every socket) and no compression, as in Signalboard.
//
//   PORT=4100 node bench/chat-fanout/minimal-server.mjs
//   ws://127.0.0.1:4100/ws/chat   any text frame -> broadcast to every socket
//   GET /api/health               -> 200
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 4100);
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer((req, res) => {
  if ((req.url ?? '/').split('?')[0] === '/api/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server, path: '/ws/chat', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) client.send(data, { binary: isBinary });
  });
  ws.on('error', () => ws.terminate());
});

server.listen(port, host, () => console.log(`[minimal] listening on ws://${host}:${port}/ws/chat`));
const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
