// Log ingest benchmark: lines per second from the Docker engine and from the Loki push endpoint into
// the store and out to N SSE clients, with the server's event-loop delay. See README.md here.
//
//   node bench/log-ingest/run.mjs [--scenarios push,engine] [--rate 20000] [--seconds 15] [--clients 10]
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const DEFAULTS = {
  scenarios: 'push,engine',
  rate: 20_000,
  seconds: 15,
  clients: 10,
  containers: 4,
  batch: 1000,
  warmup: 3,
};
const opts = { ...DEFAULTS };
for (let i = 2; i < process.argv.length; i++) {
  const [key, inline] = process.argv[i].replace(/^--/, '').split('=', 2);
  if (key === 'help') {
    console.log(
      'usage: node bench/log-ingest/run.mjs [--scenarios push,engine] [--rate 20000] [--seconds 15] [--clients 10] [--containers 4] [--batch 1000] [--warmup 3]',
    );
    process.exit(0);
  }
  if (!(key in DEFAULTS)) throw new Error(`unknown option --${key} (see --help)`);
  const value = inline ?? process.argv[++i];
  opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
}
const TOKEN = 'bench-loki-token-000000000000';
const PASSWORD = 'bench-admin-password';
const CLK_TCK = 100;

// ---------------------------------------------------------------------------------------------------
// Processes and /proc

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
process.on('SIGINT', () => process.exit(130));

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}
function machineCpu() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    busy: user + nice + system + irq + softirq + steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startServer(scenario) {
  if (!existsSync(path.join(root, 'dist/server.js')) || !existsSync(path.join(root, '.next/BUILD_ID'))) {
    throw new Error('Run `npm run build` first (dist/server.js and .next are needed).');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-log-bench-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SIGNALBOARD_ADMIN_PASSWORD: PASSWORD,
    LOKI_PUSH_TOKEN: TOKEN,
    SIMULATORS: 'off',
    MQTT_PORT: String(await freePort()),
    MQTT_TLS_PORT: String(await freePort()),
    WT_PORT: String(await freePort()),
    LOG_DOCKER: scenario === 'engine' ? 'on' : 'off',
  };
  const nodeArgs = process.env.LOG_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.LOG_BENCH_CPU_PROF)}`]
    : [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 300) throw new Error(`server not healthy:\n${log}`);
    await sleep(100);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    port,
    base,
    cookie,
    child,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      children.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function metrics(server) {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  const value = (name) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    p99: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    max: value('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}
async function stored(server) {
  const info = await (
    await fetch(`${server.base}/api/logs/containers`, { headers: { cookie: server.cookie } })
  ).json();
  return { stored: info.stored, engine: info.engine.kind };
}

function startClients(server) {
  const child = fork(path.join(here, 'sse-clients.mjs'), [
    String(server.port),
    server.cookie,
    String(opts.clients),
  ]);
  children.add(child);
  const ask = (message) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(message);
    });
  return {
    child,
    ready: new Promise((resolve) => child.once('message', resolve)),
    reset: () => child.send('reset'),
    report: () => ask('report'),
    stop: () => (child.send('exit'), children.delete(child)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Load: Loki pushes, or containers logging through the engine

function pushLoad(server, seconds) {
  const child = fork(path.join(here, 'push-load.mjs'), [
    String(server.port),
    TOKEN,
    String(opts.rate),
    String(seconds),
    String(opts.batch),
  ]);
  children.add(child);
  return {
    child,
    done: new Promise((resolve) => child.once('message', (m) => (children.delete(child), resolve(m)))),
  };
}

function dockerClient() {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://'))
    throw new Error(`DOCKER_HOST ${host}: only unix:// sockets are supported here`);
  return new Docker({ socketPath: host.slice(7) });
}

/** Containers that each log rate/containers lines per second, paced by busybox's usleep in batches. */
async function engineLoad(seconds) {
  const docker = dockerClient();
  const perContainer = Math.ceil(opts.rate / opts.containers);
  // 100 lines per burst, then sleep the rest of 100/perContainer seconds (busybox `usleep`).
  const pause = Math.max(0, Math.floor((100 / perContainer) * 1e6) - 2000);
  const script = `i=0; while true; do j=0; while [ $j -lt 100 ]; do echo "INFO req=$i.$j GET /api/orders/$j 200 took=$((j * 3))ms user_id=$((i % 977))"; j=$((j+1)); done; i=$((i+1)); usleep ${pause}; done`;
  const ids = [];
  for (let c = 0; c < opts.containers; c++) {
    const name = `bench-log-${c}`;
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
    const container = await docker.createContainer({
      name,
      Image: 'localhost/busybox:latest',
      Cmd: ['sh', '-c', script],
      HostConfig: { NetworkMode: 'none', Init: true },
      Labels: { 'signalboard.bench': 'log-ingest' },
    });
    await container.start();
    ids.push(container);
  }
  return {
    done: sleep(seconds * 1000),
    stop: () => Promise.all(ids.map((c) => c.remove({ force: true }).catch(() => undefined))),
  };
}

// ---------------------------------------------------------------------------------------------------

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);

async function runScenario(scenario) {
  const server = await startServer(scenario);
  const clients = startClients(server);
  await clients.ready;
  if (scenario === 'engine') {
    for (let i = 0; i < 100 && (await stored(server)).engine !== 'connected'; i++) await sleep(100);
  }
  const total = opts.warmup + opts.seconds;
  const load = scenario === 'push' ? pushLoad(server, total) : await engineLoad(total);
  await sleep(opts.warmup * 1000);
  // The window: the scrape resets the event-loop histogram.
  await metrics(server);
  clients.reset();
  const before = {
    at: Date.now(),
    cpu: cpuSeconds(server.child.pid),
    machine: machineCpu(),
    stored: (await stored(server)).stored,
  };
  await sleep(opts.seconds * 1000);
  const lag = await metrics(server);
  const after = {
    at: Date.now(),
    cpu: cpuSeconds(server.child.pid),
    machine: machineCpu(),
    stored: (await stored(server)).stored,
  };
  const sse = await clients.report();
  const pushed = scenario === 'push' ? await load.done : null;
  if (scenario === 'engine') await load.stop();
  clients.stop();
  await server.stop();
  const windowS = (after.at - before.at) / 1000;
  const machineBusy =
    ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) *
    100 *
    os.cpus().length;
  const serverCpu = ((after.cpu - before.cpu) / windowS) * 100;
  const perClient = sse.clients.map((c) => c.lines / windowS);
  const latencies = sse.clients.flatMap((c) => c.latencies);
  return {
    scenario,
    targetRate: opts.rate,
    storedPerSecond: Math.round((after.stored - before.stored) / windowS),
    sseClients: sse.clients.filter((c) => c.open).length,
    ssePerClientMedian: Math.round(median(perClient)),
    ssePerClientMin: Math.round(Math.min(...perClient)),
    droppedNotices: sse.clients.reduce((n, c) => n + c.dropped, 0),
    latencyP50: median(latencies),
    latencyP99: percentile(latencies, 99),
    loopP99: Math.round(lag.p99 * 10) / 10,
    loopMax: Math.round(lag.max * 10) / 10,
    serverCpu: Math.round(serverCpu),
    // CPU time per stored line: what the code costs, whatever else the machine is doing.
    cpuPerLineUs:
      after.stored > before.stored
        ? Math.round(((after.cpu - before.cpu) * 1e6) / (after.stored - before.stored))
        : null,
    otherCpu: Math.round(machineBusy - serverCpu),
    machineBusy: Math.round(machineBusy),
    throttled: pushed ? Math.round(pushed.throttled / pushed.seconds) : null,
  };
}

const results = [];
for (const scenario of String(opts.scenarios)
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)) {
  console.error(
    `[bench] ${scenario}: ${opts.rate} lines/s target, ${opts.clients} SSE clients, ${opts.seconds} s window after ${opts.warmup} s`,
  );
  try {
    results.push(await runScenario(scenario));
  } catch (error) {
    console.error(`[bench] ${scenario} failed: ${error.message}`);
    results.push({ scenario, error: error.message });
  }
}

const meets = (r) => r.storedPerSecond >= 20_000 && r.ssePerClientMin >= 20_000 * 0.99 && r.loopP99 < 50;
const lines = [
  `# Log ingest: engine and Loki push → store → ${opts.clients} SSE clients`,
  '',
  `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · Node ${process.version} · target ${opts.rate} lines/s · ${opts.seconds} s window after ${opts.warmup} s warm-up · load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
  '',
  '| source | stored lines/s | SSE lines/s per client (median / min) | clients | dropped notices | latency p50 / p99 ms | event-loop p99 / max ms | server CPU % | server CPU µs/line | other CPU % | 429 lines/s | target (≥ 20,000/s, p99 < 50 ms) | flags |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ...results.map((r) =>
    r.error
      ? `| ${r.scenario} | failed: ${r.error} | | | | | | | | | | | |`
      : `| ${r.scenario} | ${r.storedPerSecond.toLocaleString('en')} | ${r.ssePerClientMedian.toLocaleString('en')} / ${r.ssePerClientMin.toLocaleString('en')} | ${r.sseClients} | ${r.droppedNotices} | ${r.latencyP50} / ${r.latencyP99} | ${r.loopP99} / ${r.loopMax} | ${r.serverCpu} | ${r.cpuPerLineUs ?? '–'} | ${r.otherCpu} | ${r.throttled ?? '–'} | ${meets(r) ? '✓' : '✗'} | ${r.machineBusy >= 190 ? 'machine-saturated' : ''} |`,
  ),
  '',
  'stored = rows added to the log table during the window; SSE = log-line events received per client (logRate=all); latency = receive time − the event ts (publish time, same clock) sampled per chunk; event-loop = prom-client monitorEventLoopDelay over the window; other CPU = the rest of the machine (load generator, dockerd, other users) in % of one core; machine-saturated = both cores ≥ 95 % busy, when the server waits for a CPU and the event-loop delay measures that wait as much as its own work.',
];
const markdown = lines.join('\n');
console.log(markdown);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench/results/log-ingest.json'),
  JSON.stringify({ options: opts, results }, null, 2),
);
writeFileSync(path.join(root, 'bench/results/log-ingest.md'), `${markdown}\n`);
process.exit(results.some((r) => r.error) ? 1 : 0);
