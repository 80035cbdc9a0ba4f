// Child process of bench/log-ingest/run.mjs: N SSE clients on /api/events?streams=logs&logRate=all,
// counting log-line events and sampling latency (receive time − the event's `ts`, same clock).
// Reports to the parent over IPC when asked ('report'), and on exit.
import http from 'node:http';

const [port, cookie, count] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const clients = [];
const MARK = Buffer.from('event: log-line\n');

function connect(index) {
  const state = { index, lines: 0, dropped: 0, latencies: [], open: false, bytes: 0 };
  const req = http.get(
    { host: '127.0.0.1', port, path: '/api/events?streams=logs&logRate=all', headers: { cookie } },
    (res) => {
      state.open = res.statusCode === 200;
      res.on('data', (chunk) => {
        state.bytes += chunk.length;
        // Counting frames on bytes is cheap; latency is sampled on one frame per chunk.
        let at = chunk.indexOf(MARK);
        while (at !== -1) {
          state.lines++;
          at = chunk.indexOf(MARK, at + MARK.length);
        }
        if (chunk.includes('event: dropped')) state.dropped++;
        const m = /"ts":(\d+)\}\n\n$/.exec(chunk.toString('utf8', Math.max(0, chunk.length - 600)));
        if (m) state.latencies.push(Date.now() - Number(m[1]));
      });
    },
  );
  req.on('error', () => (state.open = false));
  clients.push(state);
}

for (let i = 0; i < count; i++) connect(i);

process.on('message', (message) => {
  if (message === 'reset') {
    for (const c of clients) {
      c.lines = 0;
      c.latencies = [];
      c.dropped = 0;
    }
  } else if (message === 'report') {
    process.send({
      clients: clients.map((c) => ({ open: c.open, lines: c.lines, dropped: c.dropped, latencies: c.latencies })),
    });
  } else if (message === 'exit') {
    process.exit(0);
  }
});
process.send({ ready: true });
