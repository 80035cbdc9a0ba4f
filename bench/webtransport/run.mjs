// Live metrics transport benchmark: datagram round trip (p50/p99) and samples per second delivered to a
// Chromium page over WebTransport (HTTP/3 datagrams) and over the WebSocket fallback, in the same run,
// interleaved (WT WS WT WS …, order alternating each round). The page runs a bare probe (no charts)
// built from the shared frame codec, so the figures are the transports', not the dashboard's rendering.
//
//   npm run build && node bench/webtransport/run.mjs [--rounds 3] [--seconds 10] [--rate 60] [--ping-ms 20]
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const DEFAULTS = { rounds: 3, seconds: 10, rate: 60, 'ping-ms': 20, warmup: 1500, 'p99-target': 5 };

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node bench/webtransport/run.mjs [--rounds 3] [--seconds 10] [--rate 60] [--ping-ms 20] [--warmup 1500]',
      );
      process.exit(0);
    }
    const [key, inline] = arg.replace(/^--/, '').split('=', 2);
    if (!(key in DEFAULTS)) throw new Error(`unknown option ${arg} (see --help)`);
    const value = Number(inline ?? argv[++i]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${key}: a positive number`);
    opts[key] = value;
  }
  if (opts.rate > 60) throw new Error('--rate: at most 60 (the protocol limit)');
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux): the server, the browser (all its processes), the whole machine.

const TICK_MS = 1000 / 100;
function procCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...childrenOf(Number(entry)));
    } catch {
      // gone
    }
  }
  return out;
}
function machineCpu() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    busy: (user + nice + system + irq + softirq + steal) * TICK_MS,
    total: (user + nice + system + idle + iowait + irq + softirq + steal) * TICK_MS,
  };
}

// ---------------------------------------------------------------------------------------------------

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer() {
  if (!existsSync(path.join(root, 'dist/server.js'))) throw new Error('Run `npm run build` first.');
  const port = await freePort();
  const wtPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'signalboard-bench-wt-'));
  const password = 'bench-admin-password';
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      WT_PORT: String(wtPort),
      DATA_DIR: dataDir,
      SIGNALBOARD_ADMIN_PASSWORD: password,
      SIMULATORS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (
      /\[webtransport\] (listening|not started)/.test(log) &&
      (await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await sleep(200);
  }
  if (!log.includes('[webtransport] listening'))
    throw new Error(`WebTransport listener did not start:\n${log}`);
  return { child, base, password, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
const median = (xs) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const probe = await build({
    entryPoints: [path.join(here, 'page-probe.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'warning',
  });
  const server = await startServer();
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const runs = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = await page.request.post(`${server.base}/api/auth/login`, {
      data: { username: 'admin', password: server.password },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    await page.goto(`${server.base}/api/health`);
    await page.addScriptTag({ content: probe.outputFiles[0].text });
    // Playwright starts Chromium as a child of this process; the server is our child too.
    const browserPids = () =>
      childrenOf(process.pid).filter(
        (p) => p !== server.child.pid && !childrenOf(server.child.pid).includes(p),
      );
    for (let round = 1; round <= opts.rounds; round++) {
      const order = round % 2 ? ['webtransport', 'websocket'] : ['websocket', 'webtransport'];
      for (const transport of order) {
        const pids = browserPids();
        const before = {
          server: procCpuMs(server.child.pid),
          browser: pids.reduce((s, p) => s + procCpuMs(p), 0),
          machine: machineCpu(),
        };
        const result = await page.evaluate((o) => globalThis.__probe(o), {
          transport,
          rate: opts.rate,
          seconds: opts.seconds,
          warmupMs: opts.warmup,
          pingEveryMs: opts['ping-ms'],
        });
        const after = {
          server: procCpuMs(server.child.pid),
          browser: pids.reduce((s, p) => s + procCpuMs(p), 0),
          machine: machineCpu(),
        };
        const wallMs = (result.seconds * 1000 || opts.seconds * 1000) + opts.warmup;
        const rtts = [...result.rtts].sort((a, b) => a - b);
        const machineBusy =
          ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) *
          os.cpus().length *
          100;
        const serverCpu = ((after.server - before.server) / wallMs) * 100;
        const browserCpu = ((after.browser - before.browser) / wallMs) * 100;
        const run = {
          round,
          transport,
          error: result.error,
          openMs: result.openMs,
          samplesPerSecond: result.received / result.seconds,
          received: result.received,
          lost: result.lost,
          lossPct: (result.lost / Math.max(1, result.received + result.lost)) * 100,
          reordered: result.reordered,
          pings: result.pingsSent,
          pongs: rtts.length,
          p50: quantile(rtts, 0.5),
          p99: quantile(rtts, 0.99),
          max: rtts.at(-1),
          serverCpu,
          browserCpu,
          otherCpu: Math.max(0, machineBusy - serverCpu - browserCpu),
        };
        run.flags = [
          run.otherCpu >= 15 ? 'noisy' : null,
          machineBusy >= 190 ? 'machine-saturated' : null,
          run.error ? 'failed' : null,
        ]
          .filter(Boolean)
          .join(', ');
        runs.push(run);
        console.error(
          `[bench] round ${round} ${transport}: ${f(run.samplesPerSecond, 1)} samples/s, loss ${f(run.lossPct)} %, rtt p50 ${f(run.p50)} / p99 ${f(run.p99)} ms${run.error ? ` (${run.error})` : ''}${run.flags ? ` [${run.flags}]` : ''}`,
        );
      }
    }
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    server.cleanup();
  }
  report(opts, runs);
}

function report(opts, runs) {
  const by = (t) => runs.filter((r) => r.transport === t && !r.error);
  const summary = ['webtransport', 'websocket'].map((t) => {
    const rs = by(t);
    return {
      transport: t,
      runs: rs.length,
      samplesPerSecond: median(rs.map((r) => r.samplesPerSecond)),
      lossPct: Math.max(...rs.map((r) => r.lossPct), 0),
      lost: rs.reduce((s, r) => s + r.lost, 0),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      openMs: median(rs.map((r) => r.openMs)),
      serverCpu: median(rs.map((r) => r.serverCpu)),
      browserCpu: median(rs.map((r) => r.browserCpu)),
      otherCpu: median(rs.map((r) => r.otherCpu)),
    };
  });
  const [wt, ws] = summary;
  const meta = `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · Node ${process.version} · ${opts.rate} Hz requested · ${opts.seconds} s per run after ${opts.warmup} ms warm-up · pings every ${opts['ping-ms']} ms · ${opts.rounds} round(s), transports interleaved (order alternates each round)`;
  const target = (ok) => (ok ? '✓' : '✗');
  const lines = [
    '# Live metrics: WebTransport datagrams vs WebSocket fallback, to a Chromium page',
    '',
    meta + '.',
    '',
    `Medians over rounds (loss: the worst run). Targets: p99 round trip < ${opts['p99-target']} ms on loopback, no loss at ${opts.rate} Hz.`,
    '',
    '| transport | runs | samples/s | lost (all runs) | worst loss % | rtt p50 ms | rtt p99 ms | session open ms | server CPU % | browser CPU % | other CPU % |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summary.map(
      (s) =>
        `| ${s.transport} | ${s.runs} | ${f(s.samplesPerSecond, 1)} | ${s.lost} | ${f(s.lossPct)} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.openMs, 0)} | ${f(s.serverCpu, 1)} | ${f(s.browserCpu, 1)} | ${f(s.otherCpu, 0)} |`,
    ),
    `| **WT ÷ WS** | | ${f(wt.samplesPerSecond / ws.samplesPerSecond)}× | | | ${f(wt.p50 / ws.p50)}× | ${f(wt.p99 / ws.p99)}× | | | | |`,
    `| **targets (WT)** | | | ${target(wt.lost === 0)} no loss | | | ${target(wt.p99 < opts['p99-target'])} p99 < ${opts['p99-target']} ms | | | | |`,
    '',
    'Every run:',
    '',
    '| round | transport | samples/s | received | lost | reordered | pings → pongs | p50 | p99 | max ms | open ms | server CPU % | browser CPU % | other CPU % | flags |',
    '|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.round} | ${r.transport} | ${f(r.samplesPerSecond, 1)} | ${r.received} | ${r.lost} | ${r.reordered} | ${r.pings} → ${r.pongs} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${f(r.openMs, 0)} | ${f(r.serverCpu, 1)} | ${f(r.browserCpu, 1)} | ${f(r.otherCpu, 0)} | ${r.error ? `failed: ${r.error}` : r.flags} |`,
    ),
    '',
    'Notes: round trip = a ping frame from the page to the server and its pong back, timed with performance.now() in the page; over WebTransport both travel as HTTP/3 datagrams (RFC 9297), over the fallback as WebSocket binary messages. Samples/s = samples received ÷ the counting window; loss = gaps in the per-session sequence numbers (a late sample is taken back out and counted as reordered). CPU % = user+system over the run (100 % = one core): server = the Signalboard process, browser = Chromium and all its processes, other = the rest of the machine (noisy when ≥ 15 %). The page runs a bare probe built from lib/events/metrics-frames.ts, no charts.',
  ];
  const out = lines.join('\n') + '\n';
  console.log(out);
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'webtransport.md'), out);
  writeFileSync(
    path.join(dir, 'webtransport.json'),
    JSON.stringify({ meta, opts, summary, runs }, null, 2) + '\n',
  );
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
