// Load generator child for the SSE fan-out benchmark (forked by run.mjs, driven over IPC).
//
// Opens raw `net` sockets (cheaper than http clients at 10k connections), sends one GET per socket and
// parses frames minimally: per `\n\n`-terminated frame it reads `"message":"s<seq>` and `"ts":<ms>`.
// Every socket counts its deliveries per sequence number, so the driver computes delivery over exactly
// the events it published in the window.
//
// Two kinds of sockets, so that the generator does not need more CPU than the server it measures:
// - probes (every `probeEvery`-th socket) are read as soon as data arrives; latency = receive time
//   (sub-ms, on the Date.now() clock) - ts, recorded only on probes;
// - the others are paused after each read and resumed once per `lazyPeriodMs`, so the kernel buffers
//   ~10 frames and one read takes them all. The server's work is the same (it writes every frame to
//   every socket at once; the receiving kernel ACKs whether or not the application has read).
// `drain` resumes every socket so that the final counts include everything the server sent.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const LFLF = Buffer.from('\n\n');
const TS = Buffer.from('"ts":');
const SEQ = Buffer.from('"message":"s');
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
let attemptsFailed = 0;
let closedEarly = 0;
let framesTotal = 0;
let framesInWindow = 0;
let bytesTotal = 0;
let reads = 0;
let sampleFrame = null;
let closing = false;
let draining = false;
let lazyTimer = null;
const errors = {};

// Receive time on the Date.now() clock with sub-ms resolution: find the instant Date.now() ticks.
let clockOffset = 0;
function calibrate() {
  const start = Date.now();
  let now;
  const deadline = performance.now() + 5;
  while ((now = Date.now()) === start && performance.now() < deadline);
  clockOffset = now - performance.now();
}
calibrate();

function parseDigits(buf, at, end) {
  let n = 0;
  let i = at;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return i === at ? -1 : n;
}

function onFrames(state, data, start) {
  const now = state.probe ? performance.now() + clockOffset : 0;
  let pos = start;
  for (;;) {
    const end = data.indexOf(LFLF, pos);
    if (end === -1) break;
    const ts = data.indexOf(TS, pos);
    if (ts !== -1 && ts < end) {
      framesTotal++;
      if (sampleFrame === null) {
        const idAt = data.indexOf('id: ', pos);
        sampleFrame = data.subarray(idAt === -1 || idAt > end ? pos : idAt, end + 2).toString('utf8');
      }
      const s = data.indexOf(SEQ, pos);
      const seq = s !== -1 && s < end ? parseDigits(data, s + SEQ.length, end) : -1;
      if (seq >= recordFrom && seq <= recordTo && seq < MAX_SEQ) {
        counts[seq]++;
        state.inWindow++;
        framesInWindow++;
        if (state.probe) {
          const sent = parseDigits(data, ts + TS.length, end);
          let bin = Math.floor((now - sent) * BIN_PER_MS);
          if (bin < 0) bin = 0;
          else if (bin >= BINS) bin = BINS - 1;
          histogram[bin]++;
        }
      }
    }
    pos = end + 2;
  }
  const restLength = data.length - pos;
  // What follows the last frame is normally just the CRLF that ends the HTTP chunk: drop it.
  if (restLength === 0 || (restLength === 2 && data[pos] === 13 && data[pos + 1] === 10)) state.rest = null;
  else state.rest = Buffer.from(data.subarray(pos));
}

function open({ host, port, path, headers, timeoutMs }, probe) {
  return new Promise((resolve) => {
    const state = { socket: null, rest: null, headersDone: false, inWindow: 0, settled: false, probe };
    const settle = (ok, code) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(timer);
      if (ok) opened++;
      else {
        attemptsFailed++;
        errors[code] = (errors[code] ?? 0) + 1;
        state.socket.destroy();
      }
      resolve(ok);
    };
    // `onread` with one shared buffer: no Buffer allocation and no stream machinery per read.
    const socket = net.connect({
      host,
      port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: onRead },
    });
    state.socket = socket;
    const timer = setTimeout(() => settle(false, 'TIMEOUT'), timeoutMs);
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: text/event-stream\r\n${headers}\r\n`,
      );
    });
    function onRead(nread, buf) {
      bytesTotal += nread;
      reads++;
      const chunk = buf.subarray(0, nread);
      const data = state.rest ? Buffer.concat([state.rest, chunk]) : chunk;
      if (!state.headersDone) {
        const end = data.indexOf('\r\n\r\n');
        if (end === -1) {
          state.rest = Buffer.from(data);
          return;
        }
        if (!data.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 200')) {
          settle(false, `HTTP ${data.subarray(9, 12).toString('latin1')}`);
          return;
        }
        state.headersDone = true;
        sockets.add(state);
        if (!probe) lazy.push(state);
        settle(true);
        onFrames(state, data, end + 4);
      } else {
        onFrames(state, data, 0);
      }
      // Returning false stops reading this socket until resume().
      if (!probe && !draining) return false;
    }
    socket.on('error', (error) => settle(false, error.code ?? 'ERROR'));
    socket.on('close', () => {
      if (!state.settled) settle(false, 'CLOSED');
      else if (sockets.delete(state) && !closing) closedEarly++;
    });
  });
}

/** One client: like an EventSource, it retries a failed connect (after 1-2 s), at most `retries` times. */
async function client(target, probe, retries) {
  for (let attempt = 0; ; attempt++) {
    if (await open(target, probe)) return;
    if (attempt >= retries) {
      failed++;
      return;
    }
    await sleep(1000 + Math.random() * 1000);
  }
}

async function connectAll({ count, ratePerSec, probeEvery, lazyPeriodMs, retries, ...target }) {
  const pending = [];
  const perTick = Math.max(1, Math.round(ratePerSec / 100));
  let started = 0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      for (let i = 0; i < perTick && started < count; i++, started++) {
        pending.push(client(target, started % probeEvery === 0, retries));
      }
      if (started >= count) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await Promise.all(pending);
  // Resume a tenth of the lazy sockets every tenth of the period, round robin.
  const slices = 10;
  let slice = 0;
  lazyTimer = setInterval(() => {
    if (draining) return;
    const size = Math.ceil(lazy.length / slices);
    for (let i = slice * size; i < Math.min(lazy.length, (slice + 1) * size); i++) {
      const state = lazy[i];
      if (sockets.has(state)) state.socket.resume();
    }
    slice = (slice + 1) % slices;
  }, lazyPeriodMs / slices);
}

/** Frames received so far for the given sequence numbers (the events the server accepted). */
function progress(seqs = []) {
  let frames = 0;
  for (const s of seqs) if (s < MAX_SEQ) frames += counts[s];
  return { type: 'progress', frames, framesInWindow, open: sockets.size };
}

function report() {
  const sparse = [];
  for (let i = 0; i < BINS; i++) if (histogram[i] !== 0) sparse.push([i, histogram[i]]);
  const perSeq = {};
  if (Number.isFinite(recordFrom)) {
    for (let s = recordFrom; s <= Math.min(recordTo, MAX_SEQ - 1); s++) if (counts[s]) perSeq[s] = counts[s];
  }
  const perClient = [];
  let probes = 0;
  for (const state of sockets) {
    perClient.push(state.inWindow);
    if (state.probe) probes++;
  }
  return {
    type: 'report',
    open: sockets.size,
    probes,
    opened,
    failed,
    errors,
    closedEarly,
    framesTotal,
    framesInWindow,
    bytesTotal,
    reads,
    sampleFrame,
    perSeq,
    perClient,
    histogram: sparse,
    binPerMs: BIN_PER_MS,
  };
}

process.on('message', (msg) => {
  switch (msg.cmd) {
    case 'connect':
      connectAll(msg).then(
        () => process.send({ type: 'connected', opened, failed, attemptsFailed, errors }),
        (error) => process.send({ type: 'error', message: String(error) }),
      );
      break;
    case 'record':
      calibrate();
      recordFrom = msg.fromSeq;
      recordTo = msg.toSeq ?? Infinity;
      process.send({ type: 'recording' });
      break;
    case 'drain':
      draining = true;
      recordTo = msg.toSeq;
      for (const state of sockets) state.socket.resume();
      process.send(progress(msg.seqs));
      break;
    case 'progress':
      process.send(progress(msg.seqs));
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
