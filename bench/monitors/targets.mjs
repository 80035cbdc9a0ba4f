// Local HTTP targets for the monitors benchmark: a few node:http servers on loopback that answer
// every path with a small JSON body and record when each path (one per monitor) was hit, so the
// driver can measure the schedule from the target's side too. Controlled over IPC by run.mjs.
import http from 'node:http';

const ports = Number(process.argv[2] ?? 8);
const arrivals = new Map(); // path -> [ms, ...]
let recording = false;

const servers = [];
for (let i = 0; i < ports; i++) {
  const server = http.createServer((req, res) => {
    if (recording) {
      let list = arrivals.get(req.url);
      if (!list) arrivals.set(req.url, (list = []));
      list.push(Date.now());
    }
    const body = '{"status":"ok"}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 1000;
  servers.push(server);
}

await Promise.all(servers.map((s) => new Promise((r) => s.listen(0, '127.0.0.1', r))));
process.send({ type: 'ready', ports: servers.map((s) => s.address().port) });

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

process.on('message', (msg) => {
  if (msg.type === 'record') {
    arrivals.clear();
    recording = true;
  } else if (msg.type === 'stats') {
    recording = false;
    const intervalMs = msg.intervalMs;
    const deviations = [];
    let hits = 0;
    for (const list of arrivals.values()) {
      hits += list.length;
      for (let i = 1; i < list.length; i++) deviations.push(Math.abs(list[i] - list[i - 1] - intervalMs));
    }
    deviations.sort((a, b) => a - b);
    process.send({
      type: 'stats',
      paths: arrivals.size,
      hits,
      gaps: deviations.length,
      p50: percentile(deviations, 50),
      p99: percentile(deviations, 99),
      max: deviations.at(-1) ?? null,
    });
  } else if (msg.type === 'stop') {
    for (const s of servers) s.close();
    process.exit(0);
  }
});
