// Load generator child for the chat fan-out benchmark (forked by run.mjs, driven over IPC).
//
// Opens raw WebSocket connections (raw-ws.mjs) and, per received frame, finds `bench s<seq> t<ms>` in
// the payload: the sequence number of the message and the sender's clock when it sent it. Every
// socket counts its deliveries per sequence number, so the driver computes delivery over exactly the
// messages sent in the window. As in bench/sse-fanout, probes (every `probeEvery`-th socket) are read
// at once and give the latency; the others are read in batches (`lazyPeriodMs`) so that the
// generator needs less CPU than the server it measures. The server's work is the same either way.
import { connect } from './raw-ws.mjs';

const MARK = Buffer.from('bench s');
const MAX_SEQ = 1 << 16;
/** Latency histogram: 0.1 ms bins up to 60 s. */
const BIN_PER_MS = 10;
const BINS = 60_000 * BIN_PER_MS;
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

const sockets = new Set();
const lazy = [];
const counts = new Uint32Array(MAX_SEQ);
const histogram = new Uint32Array(BINS);
let recordFrom = Infinity;
let recordTo = Infinity;
let opened = 0;
let failed = 0;
let closedEarly = 0;
let framesInWindow = 0;
/** Wall clock of the last in-window frame: when delivery of the window actually ended. */
let lastArrival = 0;
let framesTotal = 0;
let bytesTotal = 0;
let sampleFrame = null;
let draining = false;
let closing = false;
let lazyTimer = null;
const errors = {};

const wallNow = () => performance.timeOrigin + performance.now();

function digits(buf, at) {
  let n = 0;
  let i = at;
  for (; i < buf.length; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return i === at ? [-1, i] : [n, i];
}

function onMessage(state, payload) {
  framesTotal++;
  bytesTotal += payload.length;
  const at = payload.indexOf(MARK);
  if (at === -1) return;
  sampleFrame ??= payload.toString('utf8');
  const [seq, end] = digits(payload, at + MARK.length);
  if (seq < recordFrom || seq > recordTo || seq >= MAX_SEQ) return;
  counts[seq]++;
  state.inWindow++;
  framesInWindow++;
  lastArrival = wallNow();
  if (!state.probe) return;
  // " t<ms>.<µs>": the sender's wall clock when it wrote the frame.
  const [ms, dot] = digits(payload, end + 2);
  const [frac, fracEnd] = payload[dot] === 46 ? digits(payload, dot + 1) : [0, dot];
  const sent = ms + frac / 10 ** (fracEnd - dot - 1);
  const bin = Math.min(BINS - 1, Math.max(0, Math.floor((wallNow() - sent) * BIN_PER_MS)));
  histogram[bin]++;
}

async function open(target, probe) {
  const state = { socket: null, probe, inWindow: 0 };
  try {
    state.socket = await connect({
      ...target,
      readBuffer: READ_BUFFER,
      keepReading: () => probe || draining,
      onMessage: (payload) => onMessage(state, payload),
      onClose: () => {
        if (sockets.delete(state) && !closing) closedEarly++;
      },
    });
    opened++;
    sockets.add(state);
    if (!probe) lazy.push(state);
  } catch (error) {
    failed++;
    const code = error.code ?? error.message.slice(0, 40);
    errors[code] = (errors[code] ?? 0) + 1;
  }
}

async function connectAll({ count, ratePerSec, probeEvery, lazyPeriodMs, ...target }) {
  const pending = [];
  const perTick = Math.max(1, Math.round(ratePerSec / 100));
  let started = 0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      for (let i = 0; i < perTick && started < count; i++, started++)
        pending.push(open(target, started % probeEvery === 0));
      if (started >= count) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await Promise.all(pending);
  // Resume a tenth of the lazy sockets every tenth of the period, round robin.
  let slice = 0;
  lazyTimer = setInterval(() => {
    if (draining) return;
    const size = Math.ceil(lazy.length / 10);
    for (let i = slice * size; i < Math.min(lazy.length, (slice + 1) * size); i++) {
      if (sockets.has(lazy[i])) lazy[i].socket.resume();
    }
    slice = (slice + 1) % 10;
  }, lazyPeriodMs / 10);
}

function report() {
  const sparse = [];
  for (let i = 0; i < BINS; i++) if (histogram[i] !== 0) sparse.push([i, histogram[i]]);
  const perSeq = {};
  if (Number.isFinite(recordFrom)) {
    for (let s = recordFrom; s <= Math.min(recordTo, MAX_SEQ - 1); s++) if (counts[s]) perSeq[s] = counts[s];
  }
  return {
    type: 'report',
    lastArrival,
    open: sockets.size,
    opened,
    failed,
    errors,
    closedEarly,
    framesTotal,
    framesInWindow,
    bytesTotal,
    sampleFrame,
    perSeq,
    perClient: [...sockets].map((s) => s.inWindow),
    histogram: sparse,
    binPerMs: BIN_PER_MS,
  };
}

process.on('message', (msg) => {
  switch (msg.cmd) {
    case 'connect':
      connectAll(msg).then(
        () => process.send({ type: 'connected', opened, failed, errors }),
        (error) => process.send({ type: 'error', message: String(error) }),
      );
      break;
    case 'record':
      recordFrom = msg.fromSeq;
      recordTo = msg.toSeq ?? Infinity;
      process.send({ type: 'recording' });
      break;
    case 'drain':
      draining = true;
      recordTo = msg.toSeq;
      for (const state of sockets) state.socket.resume();
      process.send({ type: 'progress', framesInWindow, open: sockets.size });
      break;
    case 'progress':
      process.send({ type: 'progress', framesInWindow, open: sockets.size });
      break;
    case 'report':
      process.send(report());
      break;
    case 'close':
      closing = true;
      clearInterval(lazyTimer);
      // RST instead of FIN: no TIME_WAIT left behind for the next run's ephemeral ports.
      for (const state of sockets) state.socket.resetAndDestroy();
      sockets.clear();
      process.send({ type: 'closed' }, () => process.exit(0));
      break;
  }
});
// Never outlive the driver.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(2), Number(process.env.WORKER_MAX_MS ?? 30 * 60_000)).unref();
