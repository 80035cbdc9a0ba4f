// Uptime scheduler benchmark: N HTTP monitors (default 1,000) at a fixed interval (default 20 s)
// against local targets, through Signalboard's real server and API. Reports how late checks start
// (drift, from the scheduler and from the targets' side) and the server's CPU. Bounded in time.
//
//   node bench/monitors/run.mjs [--monitors 1000] [--interval 20] [--seconds 60] [--warmup 30]
//     [--rounds 1] [--target-ports 8] [--port 4410] [--max-minutes 10] [--build auto|never]
//
// Targets (bench/issues): drift p99 < 1 s and server CPU < 25 % of one core.
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const resultsDir = path.join(root, 'bench/results');

const DEFAULTS = { monitors: 1000, interval: 20, seconds: 60, warmup: 30, rounds: 1, 'target-ports': 8, port: 4410, 'max-minutes': 10, build: 'auto' };
const TARGETS = { driftP99Ms: 1000, cpuPct: 25 };

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 8).join('\n'));
      process.exit(0);
    }
    const [key, inline] = arg.replace(/^--/, '').split('=', 2);
    if (!(key in DEFAULTS)) throw new Error(`unknown option ${arg} (see --help)`);
    const value = inline ?? argv[++i];
    opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !Number.isFinite(opts[key])) throw new Error(`--${key}: not a number`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// Processes and /proc sampling

const children = new Set();
const track = (child) => (children.add(child), child.once('exit', () => children.delete(child)), child);
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

function rssMb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
}

function machineCpu() {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
  return { busy, total: busy + v[3] + v[4] };
}

// ---------------------------------------------------------------------------------------------------
// Signalboard

/** A free TCP (or UDP) port on loopback, so the server's broker and WebTransport never collide. */
function freePort(udp = false) {
  return new Promise((resolve, reject) => {
    if (udp) {
      const socket = dgram.createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
      return;
    }
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startSignalboard(opts, dataDir) {
  let log = '';
  const child = track(
    spawn(process.execPath, ['dist/server.js'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(opts.port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SIGNALBOARD_ADMIN_PASSWORD: 'bench-admin-password',
        SIMULATORS: 'off',
        MQTT_PORT: String(await freePort()),
        WT_PORT: String(await freePort(true)),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${opts.port}`;
  for (const end = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) break;
    if (Date.now() > end) throw new Error(`server not healthy:\n${log}`);
    await sleep(100);
  }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const keyRes = await fetch(`${base}/api/keys`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: base }, body: JSON.stringify({ name: 'bench', role: 'admin' }) });
  const { key } = await keyRes.json();
  return { child, base, auth: { authorization: `Bearer ${key}` }, log: () => log };
}

async function createMonitors(sb, opts, ports) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < opts.monitors) {
      const i = next++;
      const res = await fetch(`${sb.base}/api/monitors`, {
        method: 'POST',
        headers: { ...sb.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench-${i}`, type: 'http', url: `http://127.0.0.1:${ports[i % ports.length]}/m/${i}`, intervalSeconds: opts.interval, timeoutSeconds: Math.min(10, opts.interval - 1), retries: 0 }),
      });
      if (res.status !== 201) failed++;
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  if (failed) throw new Error(`${failed} monitors could not be created`);
}

const scheduler = async (sb, reset = false) => (await fetch(`${sb.base}/api/monitors/scheduler${reset ? '?reset=1' : ''}`, { headers: sb.auth })).json();

// ---------------------------------------------------------------------------------------------------
// One round

async function round(opts, n) {
  const targets = track(fork(path.join(here, 'targets.mjs'), [String(opts['target-ports'])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ask = (msg, type) => new Promise((resolve) => {
    const on = (m) => m.type === type && (targets.off('message', on), resolve(m));
    targets.on('message', on);
    if (msg) targets.send(msg);
  });
  const { ports } = await ask(null, 'ready');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'signalboard-bench-monitors-'));
  const sb = await startSignalboard(opts, dataDir);
  try {
    const created = Date.now();
    await createMonitors(sb, opts, ports);
    const createSeconds = (Date.now() - created) / 1000;
    console.error(`[bench] round ${n}: ${opts.monitors} monitors created in ${createSeconds.toFixed(1)} s; warming up ${opts.warmup} s`);
    await sleep(opts.warmup * 1000);

    const before = await scheduler(sb, true);
    targets.send({ type: 'record' });
    const t0 = { wall: Date.now(), server: cpuSeconds(sb.child.pid), targets: cpuSeconds(targets.pid), machine: machineCpu() };
    const rss = [];
    for (let s = 0; s < opts.seconds; s += 5) {
      await sleep(Math.min(5, opts.seconds - s) * 1000);
      rss.push(rssMb(sb.child.pid));
    }
    const t1 = { wall: Date.now(), server: cpuSeconds(sb.child.pid), targets: cpuSeconds(targets.pid), machine: machineCpu() };
    const after = await scheduler(sb);
    const seen = await ask({ type: 'stats', intervalMs: opts.interval * 1000 }, 'stats');
    const wall = (t1.wall - t0.wall) / 1000;
    const serverPct = (100 * (t1.server - t0.server)) / wall;
    const targetsPct = (100 * (t1.targets - t0.targets)) / wall;
    const machinePct = (100 * os.cpus().length * (t1.machine.busy - t0.machine.busy)) / (t1.machine.total - t0.machine.total);
    return {
      round: n,
      monitors: opts.monitors,
      interval: opts.interval,
      window: wall,
      checks: after.checks - before.checks,
      expectedChecks: Math.round((opts.monitors / opts.interval) * wall),
      drift: after.driftMs,
      targetSide: seen,
      missedSlots: after.missedSlots - before.missedSlots,
      waitingMax: after.waiting,
      serverCpuPct: serverPct,
      cpuMsPerCheck: (1000 * (t1.server - t0.server)) / Math.max(1, after.checks - before.checks),
      targetsCpuPct: targetsPct,
      otherCpuPct: Math.max(0, machinePct - serverPct - targetsPct),
      rssMb: Math.max(...rss),
      createSeconds,
    };
  } finally {
    sb.child.kill('SIGTERM');
    await new Promise((r) => (sb.child.exitCode !== null ? r() : sb.child.once('exit', r)));
    targets.send({ type: 'stop' });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(1));

function report(opts, runs) {
  const head = `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')} · Node ${process.version} · ${opts.monitors} HTTP monitors every ${opts.interval} s against ${opts['target-ports']} local target ports · ${opts.seconds} s window after ${opts.warmup} s warm-up · ${runs.length} round(s)`;
  const driftP99 = median(runs.map((r) => r.drift.p99));
  const cpu = median(runs.map((r) => r.serverCpuPct));
  const other = median(runs.map((r) => r.otherCpuPct));
  const ok = (pass) => (pass ? '✓' : '✗');
  const lines = [
    `# Uptime scheduler: ${opts.monitors} HTTP monitors at ${opts.interval} s`,
    '',
    head + '.',
    '',
    'Medians over rounds; targets in brackets.',
    '',
    '| monitors | checks/s (expected) | drift p50 ms | drift p95 ms | drift p99 ms [< 1000] | drift max ms | target-side gap deviation p50 / p99 ms | missed slots | server CPU % [< 25] | CPU ms/check | server RSS MB | targets CPU % | other CPU % | verdict |',
    '|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|',
    `| ${opts.monitors} | ${f1(median(runs.map((r) => r.checks / r.window)))} (${f1(opts.monitors / opts.interval)}) | ${f1(median(runs.map((r) => r.drift.p50)))} | ${f1(median(runs.map((r) => r.drift.p95)))} | ${f1(driftP99)} ${ok(driftP99 < TARGETS.driftP99Ms)} | ${f1(median(runs.map((r) => r.drift.max)))} | ${f1(median(runs.map((r) => r.targetSide.p50)))} / ${f1(median(runs.map((r) => r.targetSide.p99)))} | ${median(runs.map((r) => r.missedSlots))} | ${f1(cpu)} ${ok(cpu < TARGETS.cpuPct)} | ${median(runs.map((r) => r.cpuMsPerCheck)).toFixed(2)} | ${f1(median(runs.map((r) => r.rssMb)))} | ${f1(median(runs.map((r) => r.targetsCpuPct)))} | ${f1(other)}${other >= 15 ? ' (busy)' : ''} | ${driftP99 < TARGETS.driftP99Ms && cpu < TARGETS.cpuPct ? 'targets met' : 'target missed'} |`,
    '',
    'Every round:',
    '',
    '| round | window s | checks (expected) | drift p50/p99/max ms | target-side p50/p99/max ms | server CPU % | targets CPU % | other CPU % | monitors created in s |',
    '|---:|---:|---|---|---|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.round} | ${f1(r.window)} | ${r.checks} (${r.expectedChecks}) | ${f1(r.drift.p50)} / ${f1(r.drift.p99)} / ${f1(r.drift.max)} | ${f1(r.targetSide.p50)} / ${f1(r.targetSide.p99)} / ${f1(r.targetSide.max)} | ${f1(r.serverCpuPct)} | ${f1(r.targetsCpuPct)} | ${f1(r.otherCpuPct)} | ${f1(r.createSeconds)} |`),
    '',
    'Notes: drift = how late a check started after its due time, measured by the scheduler over the window (GET /api/monitors/scheduler, reset at the window start). Target-side gap deviation = |time between two hits of the same monitor − interval| as the target saw them: it adds connect and request time to the drift. server CPU % = user+system time of the Signalboard process over the window (100 % = one core), including SQLite writes of every check and its rollups. other CPU % = the rest of the machine (other processes): above 15 % the figures were taken on a busy machine.',
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
const deadline = setTimeout(() => {
  console.error(`[bench] over --max-minutes ${opts['max-minutes']}: stopping`);
  process.exit(2);
}, opts['max-minutes'] * 60_000);
deadline.unref();

if (!existsSync(path.join(root, 'dist/server.js')) || !existsSync(path.join(root, '.next/BUILD_ID'))) {
  if (opts.build === 'never') throw new Error('no build: run `npm run build` first');
  console.error('[bench] building (npm run build)…');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

const runs = [];
for (let n = 1; n <= opts.rounds; n++) runs.push(await round(opts, n));
const text = report(opts, runs);
console.log(text);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'monitors.md'), text);
writeFileSync(path.join(resultsDir, 'monitors.json'), JSON.stringify({ options: opts, runs }, null, 2));
process.exit(0);
