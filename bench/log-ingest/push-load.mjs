// Child process of bench/log-ingest/run.mjs: pushes Loki JSON batches to /loki/api/v1/push at a
// target rate (lines per second), a few requests in flight, for a fixed time. Counts the lines the
// server accepted (204) and the 429s (its queue full: it asked the shipper to wait).
import http from 'node:http';

const [port, token, rate, seconds, batchSize] = [
  Number(process.argv[2]),
  process.argv[3],
  Number(process.argv[4]),
  Number(process.argv[5]),
  Number(process.argv[6] ?? 1000),
];
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const containers = ['bench-api', 'bench-worker', 'bench-db', 'bench-edge'];
const words = ['GET', 'POST', '/api/orders', '/api/users/me', 'cache', 'miss', 'upstream', 'timeout', 'db', 'query'];
let seq = 0;

function body() {
  const now = BigInt(Date.now()) * 1_000_000n;
  const streams = containers.map((container) => ({ stream: { container, job: 'bench' }, values: [] }));
  for (let i = 0; i < batchSize; i++) {
    const n = seq++;
    const level = n % 50 === 0 ? 'ERROR' : n % 10 === 0 ? 'WARN' : 'INFO';
    const line = `${level} req=${n.toString(36)} ${words[n % 10]} ${words[(n * 7) % 10]} took=${n % 300}ms user_id=${n % 977}`;
    streams[n % containers.length].values.push([String(now + BigInt(i)), line]);
  }
  return JSON.stringify({ streams });
}

function post(payload) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/loki/api/v1/push',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

let accepted = 0;
let throttled = 0;
let failed = 0;
const started = Date.now();
const end = started + seconds * 1000;
const inflight = new Set();
let due = 0;
while (Date.now() < end) {
  // Batches due by now at the target rate; at most 4 requests in flight.
  const target = Math.floor(((Date.now() - started) / 1000) * rate);
  if (due + batchSize <= target && inflight.size < 4) {
    due += batchSize;
    const p = post(body()).then((status) => {
      if (status === 204) accepted += batchSize;
      else if (status === 429) throttled += batchSize;
      else failed += batchSize;
      inflight.delete(p);
    });
    inflight.add(p);
  } else {
    await new Promise((r) => setTimeout(r, 2));
  }
}
await Promise.all(inflight);
process.send({ accepted, throttled, failed, seconds: (Date.now() - started) / 1000 });
agent.destroy();
