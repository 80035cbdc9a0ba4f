// One measurement of the chat fan-out benchmark: one contender, one round, on a fresh server process
// and data directory. Receivers live in forked load workers (load-worker.mjs); senders in this process.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTENDERS } from './contenders.mjs';
import {
  cpuSeconds,
  machineCpu,
  median,
  mergeHistograms,
  percentile,
  rssBytes,
  stopChild,
  track,
} from './measure.mjs';
import { clientFrame, connect } from './raw-ws.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function startWorker() {
  const child = track(
    fork(path.join(here, 'load-worker.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    }),
  );
  const waiters = [];
  child.on('message', (msg) => {
    const i = waiters.findIndex((w) => w.type === msg.type || msg.type === 'error');
    if (i === -1) return;
    const [w] = waiters.splice(i, 1);
    if (msg.type === 'error') w.reject(new Error(`load worker: ${msg.message}`));
    else w.resolve(msg);
  });
  child.on('exit', (code) =>
    waiters.splice(0).forEach((w) => w.reject(new Error(`load worker exited (${code})`))),
  );
  const ask = (msg, type, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`load worker: no ${type} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push({
        type,
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send(msg);
    });
  return { child, ask };
}

async function waitHealthy(port, child, logs) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      if (
        (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: globalThis.AbortSignal.timeout(2000) }))
          .ok
      )
        return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`server on ${port} not healthy:\n${logs.join('')}`);
}

let runCounter = 0;

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A base port from `from` on with it and the next three free (Signalboard's MQTT and UDP listeners use them). */
async function freePorts(from) {
  for (let port = from; port < from + 1000; port += 10) {
    const free = await Promise.all([0, 1, 2, 3].map((i) => portFree(port + i)));
    if (free.every(Boolean)) return port;
  }
  throw new Error(`no four free ports from ${from}`);
}
/** One measurement: one contender, one round, on a fresh server process and data directory. */
export async function runOne(name, round, opts) {
  const contender = CONTENDERS[name];
  const run = ++runCounter;
  const port = await freePorts(opts['base-port'] + 10 * (run % 50));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-chat-bench-'));
  const { cmd, env } = contender.command(port, dataDir);
  const niced = opts.nice ? cmd.replace('exec node', `exec nice -n ${opts.nice} node`) : cmd;
  const pinned = opts.serverCpus
    ? niced.replace(/exec (nice -n -?\d+ )?node/, `exec $1taskset -c ${opts.serverCpus} node`)
    : niced;
  const logs = [];
  const server = track(
    spawn('bash', ['-c', pinned], {
      cwd: opts.root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const keep = (chunk) => {
    logs.push(String(chunk));
    if (logs.length > 40) logs.shift();
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const workers = [];
  const senders = [];
  try {
    await waitHealthy(port, server, logs);
    const { receiverHeaders, senderHeaders } = await contender.setup(port, dataDir, opts.senders);
    await sleep(1000);
    const rssIdle = median([0, 1, 2].map(() => rssBytes(server.pid)));

    const target = { host: '127.0.0.1', port, path: '/ws/chat', headers: receiverHeaders };
    const n = Math.max(1, Math.min(opts.workers, opts.clients));
    for (let i = 0; i < n; i++) workers.push(startWorker());
    const share = (i) => Math.floor(opts.clients / n) + (i < opts.clients % n ? 1 : 0);
    const budget = Math.ceil((opts.clients / opts['connect-rate']) * 1000) + 30_000;
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.ask(
          {
            cmd: 'connect',
            ...target,
            count: share(i),
            ratePerSec: opts['connect-rate'] / n,
            timeoutMs: 20_000,
            probeEvery: opts.probeEvery,
            lazyPeriodMs: opts['lazy-ms'],
          },
          'connected',
          budget,
        ),
      ),
    );
    const opened = connected.reduce((s, c) => s + c.opened, 0);
    const connectErrors = Object.assign({}, ...connected.map((c) => c.errors));
    if (opened === 0) throw new Error(`no client could connect: ${JSON.stringify(connectErrors)}`);

    // Senders: their own sockets, in this process; they note what the server says back (rate limits).
    const refusals = {};
    for (const headers of senderHeaders) {
      senders.push(
        await connect({
          host: '127.0.0.1',
          port,
          path: '/ws/chat',
          headers,
          onMessage: (payload) => {
            if (payload.includes('"type":"error"')) {
              const code = /"code":"([a-z-]+)"/.exec(payload.toString())?.[1] ?? 'error';
              refusals[code] = (refusals[code] ?? 0) + 1;
            }
          },
        }),
      );
    }

    // Open-loop publisher: message seq goes at t0 + seq/rate, whatever happened before.
    const fromSeq = opts.rate * opts.warmup + 1;
    const toSeq = fromSeq + opts.rate * opts.seconds - 1;
    await Promise.all(workers.map((w) => w.ask({ cmd: 'record', fromSeq, toSeq }, 'recording', 10_000)));
    const snapshot = () => ({
      at: performance.now(),
      server: cpuSeconds(server.pid),
      gen: workers.map((w) => cpuSeconds(w.child.pid)),
      self: process.cpuUsage(),
      machine: machineCpu(),
    });
    const rssSamples = [];
    let start = null;
    let end = null;
    const t0 = performance.now() + 100;
    for (let seq = 1; seq <= toSeq; seq++) {
      const wait = t0 + ((seq - 1) * 1000) / opts.rate - performance.now();
      if (wait > 1) await sleep(wait);
      if (seq === fromSeq) start = snapshot();
      const sender = seq % senders.length;
      senders[sender].write(
        clientFrame(0x1, contender.frame(seq, sender, performance.timeOrigin + performance.now(), run)),
      );
      if (seq > fromSeq && seq % opts.rate === 0) rssSamples.push(rssBytes(server.pid));
    }
    end = snapshot();

    // Read every socket until the counts stop growing. The CPU window ends with the last growth, so it
    // holds all the work of delivering the window's messages, also when the server fell behind.
    const progress = async (cmd) => {
      const answers = await Promise.all(workers.map((w) => w.ask({ cmd, toSeq }, 'progress', 10_000)));
      return {
        frames: answers.reduce((a, p) => a + p.framesInWindow, 0),
        open: answers.reduce((a, p) => a + p.open, 0),
      };
    };
    const expected = (toSeq - fromSeq + 1) * opened;
    let last = await progress('drain');
    let changed = Date.now();
    while (last.frames < expected && Date.now() - changed < opts.grace * 1000) {
      await sleep(250);
      const now = await progress('progress');
      if (now.frames !== last.frames) {
        changed = Date.now();
        end = snapshot();
      }
      last = now;
    }
    const reports = await Promise.all(workers.map((w) => w.ask({ cmd: 'report' }, 'report', 30_000)));
    const histogram = mergeHistograms(reports);
    const delivered = reports.reduce((s, r) => s + Object.values(r.perSeq).reduce((a, b) => a + b, 0), 0);
    const dt = (end.at - start.at) / 1000;
    // Delivery of the window ends with its last frame received: a server (or a generator) that falls
    // behind stretches it, and the throughput shows it.
    const startWall = performance.timeOrigin + start.at;
    const sendSeconds = (toSeq - fromSeq + 1) / opts.rate;
    const deliverySeconds = Math.max(
      sendSeconds,
      (Math.max(...reports.map((r) => r.lastArrival)) - startWall) / 1000,
    );
    const serverCpu = (end.server - start.server) / dt;
    const genEach = end.gen.map((g, i) => (g - start.gen[i]) / dt);
    const genCpu = genEach.reduce((a, b) => a + b, 0);
    const selfCpu = (end.self.user - start.self.user + end.self.system - start.self.system) / 1e6 / dt;
    const machineBusy =
      ((end.machine.busy - start.machine.busy) / (end.machine.total - start.machine.total)) *
      os.cpus().length;
    const rssLoaded = median(rssSamples.length ? rssSamples : [rssBytes(server.pid)]);
    const perClient = reports.flatMap((r) => r.perClient);
    return {
      contender: name,
      round,
      port,
      requested: opts.clients,
      opened,
      connectErrors,
      senders: senders.length,
      closedEarly: reports.reduce((s, r) => s + r.closedEarly, 0),
      refusals,
      windowSeconds: dt,
      messages: toSeq - fromSeq + 1,
      expected,
      delivered,
      deliveryPct: expected ? (100 * delivered) / expected : 0,
      fullClients: perClient.filter((c) => c >= toSeq - fromSeq + 1).length,
      throughput: delivered / deliverySeconds,
      deliverySeconds,
      latencyP50Ms: percentile(histogram, reports[0].binPerMs, 0.5),
      latencyP99Ms: percentile(histogram, reports[0].binPerMs, 0.99),
      latencyMaxMs: histogram.length ? (histogram.at(-1)[0] + 1) / reports[0].binPerMs : null,
      latencySamples: histogram.reduce((s, [, c]) => s + c, 0),
      serverCpuPct: 100 * serverCpu,
      cpuUsPerDelivery: delivered ? (serverCpu * dt * 1e6) / delivered : null,
      rssIdleMB: rssIdle / 2 ** 20,
      rssLoadedMB: rssLoaded / 2 ** 20,
      memPerConnKB: (rssLoaded - rssIdle) / opened / 1024,
      genCpuPct: 100 * (genCpu + selfCpu),
      otherCpuPct: Math.max(0, 100 * (machineBusy - serverCpu - genCpu - selfCpu)),
      machineBusyPct: 100 * machineBusy,
      flags: [
        ...(Math.max(...genEach) >= 0.9 ? ['generator-bound'] : []),
        ...(machineBusy >= 0.95 * os.cpus().length ? ['machine-saturated'] : []),
        ...(serverCpu >= 0.95 ? ['server-saturated'] : []),
        ...(machineBusy - serverCpu - genCpu - selfCpu >= 0.15 ? ['noisy'] : []),
      ],
      frameBytes: reports.find((r) => r.sampleFrame)?.sampleFrame?.length ?? null,
    };
  } finally {
    for (const s of senders) s.resetAndDestroy();
    await Promise.all(
      workers.map(async (w) => {
        await w.ask({ cmd: 'close' }, 'closed', 10_000).catch(() => undefined);
        await stopChild(w.child, 2000);
      }),
    );
    await stopChild(server, 8000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
