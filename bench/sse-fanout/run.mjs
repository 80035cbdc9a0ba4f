// SSE fan-out benchmark: one ~100-byte event broadcast at 10/s to N concurrent SSE clients, through
// Signalboard's /api/events and through a minimal node:http SSE server (the practical limit), in the
// same run, interleaved. See bench/README.md.
//
//   node bench/sse-fanout/run.mjs [--levels 1000,5000,10000] [--rounds 3] [--seconds 20]
import { spawn, spawnSync, fork, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const resultsDir = path.join(root, 'bench/results');
/** Where Signalboard runs from: the working tree, or a built snapshot of a commit (--tree). */
let appRoot = root;

// ---------------------------------------------------------------------------------------------------
// Options

const DEFAULTS = {
  levels: '1000,5000,10000',
  rounds: 3,
  seconds: 20,
  warmup: 5,
  grace: 5,
  rate: 10,
  workers: 2,
  'connect-rate': 1000,
  'connect-retries': 3,
  'probe-pct': 10,
  'lazy-ms': 1000,
  pin: 'auto',
  contenders: 'signalboard,minimal',
  'base-port': 4300,
  'max-minutes': 90,
  build: 'auto',
  tree: 'work',
  'quiet-wait': 60,
  'cpu-prof': '',
};

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(
        `usage: node bench/sse-fanout/run.mjs [--levels 1000,5000,10000] [--rounds 3] [--seconds 20]\n` +
          `  [--warmup 5] [--grace 5] [--rate 10] [--workers 2] [--connect-rate 1000] [--connect-retries 3]\n` +
          `  [--probe-pct 10] [--lazy-ms 1000] [--pin auto|off|SERVER_CPUS:GENERATOR_CPUS]\n` +
          `  [--contenders signalboard,minimal] [--base-port 4300] [--max-minutes 90]\n` +
          `  [--build auto|never|always] [--tree work|HEAD|<commit>] [--cpu-prof DIR] [--quiet-wait 60]\n` +
          `  --quiet-wait S: before each run, wait up to S seconds for other processes to leave the CPUs\n` +
          `  --tree HEAD benchmarks a commit built in a scratch copy (/tmp), not the working tree\n` +
          `  --cpu-prof DIR writes V8 CPU profiles of the servers`,
      );
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    if (!(key in DEFAULTS)) throw new Error(`unknown option --${key} (see --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !Number.isFinite(opts[key]))
      throw new Error(`--${key}: not a number`);
  }
  opts.levels = String(opts.levels)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  opts.contenders = String(opts.contenders)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const c of opts.contenders) if (!CONTENDERS[c]) throw new Error(`unknown contender ${c}`);
  if (opts.levels.length === 0) throw new Error('--levels: none given');
  if (!(opts['probe-pct'] > 0 && opts['probe-pct'] <= 100)) throw new Error('--probe-pct: between 0 and 100');
  opts.probeEvery = Math.max(1, Math.round(100 / opts['probe-pct']));
  if (opts.pin === 'auto') opts.pin = os.cpus().length >= 2 ? `0:1-${os.cpus().length - 1}` : 'off';
  if (opts.pin !== 'off') {
    const m = /^([\d,-]+):([\d,-]+)$/.exec(opts.pin);
    if (!m) throw new Error('--pin: auto, off or SERVER_CPUS:GENERATOR_CPUS (e.g. 0:1)');
    opts.serverCpus = m[1];
    opts.generatorCpus = m[2];
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// Process bookkeeping: every child is tracked and killed on exit, error or SIGINT.

const children = new Set();
let cleaningUp = false;

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killAll(signal = 'SIGKILL') {
  for (const child of children) {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

process.on('exit', () => killAll('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (cleaningUp) return;
    cleaningUp = true;
    console.error(`\n[bench] ${sig}: stopping servers and load generators`);
    killAll('SIGKILL');
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------
// /proc sampling

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const NCPU = os.cpus().length;

function descendants(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (kids) for (const k of kids.split(/\s+/)) out.push(Number(k));
      }
    } catch {
      /* exited */
    }
  }
  return out;
}

/** CPU seconds (user + system) of a process and its descendants. */
function cpuSeconds(pid) {
  let ticks = 0;
  for (const p of descendants(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      /* exited */
    }
  }
  return ticks / CLK_TCK;
}

/** Resident set size in bytes of a process and its descendants. */
function rssBytes(pid) {
  let kb = 0;
  for (const p of descendants(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* exited */
    }
  }
  return kb * 1024;
}

/** Whole-machine CPU: busy and total jiffies from /proc/stat. */
function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line;
  return {
    busy: user + nice + system + irq + softirq + steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers (publisher and setup): a keep-alive agent, bounded by a timeout.

function request(agent, { port, method, path: urlPath, headers = {}, body, timeoutMs = 120_000 }) {
  return new Promise((resolve, reject) => {
    const payload =
      body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${urlPath}: timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function waitHealthy(port, child, logs, deadlineMs = 90_000) {
  const agent = new http.Agent({ keepAlive: false });
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      const res = await request(agent, { port, method: 'GET', path: '/api/health', timeoutMs: 2000 });
      if (res.status === 200) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`server on ${port} not healthy after ${deadlineMs} ms:\n${logs.join('')}`);
}

// ---------------------------------------------------------------------------------------------------
// Contenders

const ADMIN_PASSWORD = 'bench-admin-password';

/** Node flags for both servers: the heap probe (see heap-probe.mjs) and, on request, a CPU profile. */
function nodeFlags(profDir) {
  const prof = profDir ? `--cpu-prof --cpu-prof-dir=${profDir} ` : '';
  return `--expose-gc --import ${pathToFileURL(path.join(here, 'heap-probe.mjs')).href} ${prof}`;
}

function ulimitPrefix() {
  // Raise the open-file limit as far as this machine allows (root cannot always pass the hard limit).
  return 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; ';
}

const CONTENDERS = {
  signalboard: {
    label: 'Signalboard /api/events',
    command(port, dataDir, profDir) {
      return {
        cmd: `${ulimitPrefix()}exec node ${nodeFlags(profDir)}dist/server.js`,
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          SIGNALBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
          SIMULATORS: 'off',
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          // Keep the other listeners of the process off the ports of parallel runs.
          MQTT_PORT: String(port + 1),
          MQTT_TLS_PORT: String(port + 2),
          WT_PORT: String(port + 3),
        },
      };
    },
    /** Logs in, creates an operator API key; returns the SSE request headers and the publish headers. */
    async setup(port, agent) {
      const origin = `http://127.0.0.1:${port}`;
      const login = await request(agent, {
        port,
        method: 'POST',
        path: '/api/auth/login',
        headers: { Origin: origin },
        body: { username: 'admin', password: ADMIN_PASSWORD },
      });
      const cookie = [login.headers['set-cookie'] ?? []]
        .flat()
        .map((c) => c.split(';')[0])
        .find((c) => c.startsWith('sb_session='));
      if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status} ${login.body}`);
      const key = await request(agent, {
        port,
        method: 'POST',
        path: '/api/keys',
        headers: { Cookie: cookie, Origin: origin },
        body: { name: 'bench', role: 'operator' },
      });
      if (key.status !== 201) throw new Error(`API key creation failed: ${key.status} ${key.body}`);
      return {
        sseHeaders: `Cookie: ${cookie}\r\n`,
        publishHeaders: { Authorization: `Bearer ${JSON.parse(key.body).key}` },
      };
    },
  },
  minimal: minimalVariant('minimal node:http', {}),
  // Diagnostic variants (not in the default run; ratios stay Signalboard ÷ minimal):
  // frames pre-chunked once per event and written straight to each socket (no per-write cork/nextTick)...
  'minimal-raw': minimalVariant('minimal, pre-chunked socket writes', { MINIMAL_WRITE: 'socket' }),
  // ...and the plain minimal server with AsyncLocalStorage hooks on, as Next turns them on in its process.
  'minimal-als': minimalVariant('minimal + 8 AsyncLocalStorage', { MINIMAL_ALS: '8' }),
};

function minimalVariant(label, extraEnv) {
  return {
    label,
    command(port, _dataDir, profDir) {
      return {
        cmd: `${ulimitPrefix()}exec node ${nodeFlags(profDir)}${path.join(here, 'minimal-server.mjs')}`,
        env: { PORT: String(port), HOST: '127.0.0.1', ...extraEnv },
      };
    },
    async setup() {
      return { sseHeaders: '', publishHeaders: {} };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Build check: rebuild Signalboard only when its build is missing or older than its sources.

function newestMtime(p) {
  let newest = 0;
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function ensureBuild(mode) {
  const built = ['dist/server.js', '.next/BUILD_ID'].map(
    (f) => statSync(path.join(appRoot, f), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  );
  const oldestBuild = Math.min(...built);
  const sources = [
    'app',
    'lib',
    'broker',
    'server.ts',
    'next.config.ts',
    'package.json',
    'scripts/build-server.mjs',
  ];
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(appRoot, s))));
  const stale = oldestBuild === 0 || newestSource > oldestBuild;
  if (mode === 'never') {
    if (oldestBuild === 0)
      throw new Error('no build (dist/server.js, .next): run npm run build or drop --build never');
    if (stale) console.error('[bench] warning: the build is older than the sources (--build never)');
    return;
  }
  if (!stale && mode !== 'always') {
    console.error('[bench] build is up to date (dist/server.js, .next)');
    return;
  }
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    console.error('[bench] building Signalboard (npm run build)…');
    const build = spawnSync('npm', ['run', 'build'], {
      cwd: appRoot,
      encoding: 'utf8',
      timeout: 10 * 60_000,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`;
    if (build.status === 0) {
      console.error('[bench] build done');
      return;
    }
    // Someone else is building the same tree: wait for theirs, then build again only if still stale.
    if (/Another next build process is already running/.test(output) && Date.now() < deadline) {
      console.error('[bench] another build is running in this tree; waiting 15 s');
      spawnSync('sleep', ['15']);
      const builtNow = Math.min(
        ...['dist/server.js', '.next/BUILD_ID'].map(
          (f) => statSync(path.join(appRoot, f), { throwIfNoEntry: false })?.mtimeMs ?? 0,
        ),
      );
      if (builtNow >= newestSource) return;
      continue;
    }
    process.stderr.write(output);
    throw new Error(
      `npm run build failed (exit ${build.status})` +
        (appRoot === root ? ': if the working tree is mid-edit, benchmark a commit with --tree HEAD' : ''),
    );
  }
}

/**
 * A commit's tree exported to /tmp (git archive, node_modules hard-linked: same file system, no copy),
 * built once and reused by later runs. Lets the benchmark measure a commit while others edit the tree.
 */
function prepareSnapshot(rev) {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const dir = path.join(os.tmpdir(), `signalboard-bench-${commit.slice(0, 12)}`);
  if (!statSync(path.join(dir, 'package.json'), { throwIfNoEntry: false })) {
    console.error(`[bench] exporting ${commit.slice(0, 12)} to ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${commit} | tar -x -C '${dir}'`], {
      cwd: root,
      stdio: 'inherit',
    });
    const linked = spawnSync('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
    if (linked.status !== 0)
      execFileSync('cp', ['-a', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  }
  // Keep the two most recent other snapshots; older ones are only disk space.
  const others = readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('signalboard-bench-') && path.join(os.tmpdir(), name) !== dir)
    .map((name) => ({ name, mtime: statSync(path.join(os.tmpdir(), name)).mtimeMs }))
    .sort((x, y) => y.mtime - x.mtime);
  for (const old of others.slice(2))
    rmSync(path.join(os.tmpdir(), old.name), { recursive: true, force: true });
  return { commit, dir };
}

// ---------------------------------------------------------------------------------------------------
// One measurement: one contender, one level, one round, on a fresh server process.

/** The event data, padded so that its JSON on the wire (with `ts`) is 100 bytes. */
function eventData(seq) {
  const base = { deployId: 'bench', service: 'api', step: 'build', percent: 42 };
  const probe = JSON.stringify({
    ...base,
    message: `s${String(seq).padStart(6, '0')} `,
    ts: 1_700_000_000_000,
  });
  const pad = Math.max(0, 100 - probe.length);
  return { ...base, message: `s${String(seq).padStart(6, '0')} ${'x'.repeat(pad)}` };
}

function startWorker() {
  const child = track(
    fork(path.join(here, 'load-worker.mjs'), [], {
      // Diagnostics only, e.g. SSE_BENCH_WORKER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
      execArgv: (process.env.SSE_BENCH_WORKER_ARGS ?? '').split(' ').filter(Boolean),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    }),
  );
  const waiters = [];
  child.on('message', (msg) => {
    const i = waiters.findIndex((w) => w.type === msg.type || msg.type === 'error');
    if (i !== -1) {
      const [w] = waiters.splice(i, 1);
      if (msg.type === 'error') w.reject(new Error(`load worker: ${msg.message}`));
      else w.resolve(msg);
    }
  });
  child.on('exit', (code) => {
    for (const w of waiters.splice(0))
      w.reject(new Error(`load worker exited (${code}) while waiting for ${w.type}`));
  });
  return {
    child,
    ask(msg, type, timeoutMs) {
      return new Promise((resolve, reject) => {
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
    },
  };
}

function percentile(histogram, binPerMs, q) {
  let total = 0;
  for (const [, n] of histogram) total += n;
  if (total === 0) return null;
  const target = Math.ceil(total * q);
  let seen = 0;
  for (const [bin, n] of histogram) {
    seen += n;
    if (seen >= target) return (bin + 1) / binPerMs; // upper edge of the bin
  }
  return null;
}

function mergeHistograms(reports) {
  const merged = new Map();
  for (const r of reports) for (const [bin, n] of r.histogram) merged.set(bin, (merged.get(bin) ?? 0) + n);
  return [...merged.entries()].sort((a, b) => a[0] - b[0]);
}

/** Retained heap after a full GC, from the heap probe preloaded into the server (null if it does not answer). */
async function heapSample(server, file) {
  rmSync(file, { force: true });
  server.kill('SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await sleep(50);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      /* not written yet */
    }
  }
  return null;
}

let portCounter = 0;

async function runOne(name, level, round, opts) {
  const contender = CONTENDERS[name];
  const port = opts['base-port'] + 10 * (portCounter++ % 500);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
  const profDir = opts['cpu-prof'] ? path.resolve(opts['cpu-prof'], `${name}-${level}-r${round}`) : '';
  if (profDir) mkdirSync(profDir, { recursive: true });
  const { cmd: serverCmd, env } = contender.command(port, dataDir, profDir);
  const cmd = opts.serverCpus
    ? serverCmd.replace('exec node', `exec taskset -c ${opts.serverCpus} node`)
    : serverCmd;
  const logs = [];
  const heapFile = path.join(dataDir, 'heap.json');
  const server = track(
    spawn('bash', ['-c', cmd], {
      cwd: appRoot,
      env: { ...process.env, ...env, SSE_BENCH_HEAP_FILE: heapFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const keep = (chunk) => {
    logs.push(chunk.toString());
    if (logs.length > 40) logs.shift();
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const workers = [];
  let publishTimer;
  let rssTimer;
  try {
    await waitHealthy(port, server, logs);
    const { sseHeaders, publishHeaders } = await contender.setup(port, agent);
    const publish = (seq) =>
      request(agent, {
        port,
        method: 'POST',
        path: '/api/events',
        headers: publishHeaders,
        body: { type: 'deploy-progress', data: eventData(seq) },
      });

    // Warm the publish path (Next loads the route module on first use), then the idle footprint.
    for (let i = 0; i < 20; i++) {
      const res = await publish(0);
      if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${res.body}`);
    }
    await sleep(1500);
    const idleSamples = [];
    for (let i = 0; i < 3; i++) {
      idleSamples.push(rssBytes(server.pid));
      await sleep(300);
    }
    const rssIdle = median(idleSamples);
    const heapIdle = await heapSample(server, heapFile);

    // Connect the clients, spread over the workers, staggered.
    const nWorkers = Math.max(1, Math.min(opts.workers, level));
    const shares = Array.from(
      { length: nWorkers },
      (_, i) => Math.floor(level / nWorkers) + (i < level % nWorkers ? 1 : 0),
    );
    for (let i = 0; i < nWorkers; i++) workers.push(startWorker());
    const connectBudget =
      Math.ceil((level / opts['connect-rate']) * 1000) + 30_000 + opts['connect-retries'] * 22_000;
    const t0 = Date.now();
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.ask(
          {
            cmd: 'connect',
            host: '127.0.0.1',
            port,
            path: '/api/events?streams=deploys',
            headers: sseHeaders,
            count: shares[i],
            ratePerSec: opts['connect-rate'] / nWorkers,
            timeoutMs: 20_000,
            probeEvery: opts.probeEvery,
            retries: opts['connect-retries'],
            lazyPeriodMs: opts['lazy-ms'],
          },
          'connected',
          connectBudget,
        ),
      ),
    );
    const connectSeconds = (Date.now() - t0) / 1000;
    const opened = connected.reduce((s, c) => s + c.opened, 0);
    const connectAttemptsFailed = connected.reduce((s, c) => s + c.attemptsFailed, 0);
    const connectErrors = {};
    for (const c of connected)
      for (const [k, v] of Object.entries(c.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
    if (opened === 0) throw new Error(`no client could connect: ${JSON.stringify(connectErrors)}`);

    // Publisher: one POST every 1/rate s, whatever the previous one is doing (an open-loop load).
    let seq = 0;
    const published = new Map(); // seq -> { ok, ms }
    const inflight = new Set();
    let windowStart = null;
    let windowEnd = null;
    let fromSeq = Infinity;
    let toSeq = Infinity;
    const rssSamples = [];
    let onWindowEnd;
    const windowDone = new Promise((resolve) => (onWindowEnd = resolve));
    const snapshot = () => ({
      at: performance.now(),
      server: cpuSeconds(server.pid),
      gen: workers.map((w) => cpuSeconds(w.child.pid)),
      self: process.cpuUsage(),
      machine: machineCpu(),
    });
    // The CPU window runs from the answer to publish fromSeq-1 to the answer to publish toSeq: the
    // server broadcasts synchronously before it answers, so the window holds exactly the broadcasts of
    // the measured events, even when the server falls behind the publisher.
    let lastAnswer = null;
    const answered = (s) => {
      if (s === fromSeq - 1) windowStart = snapshot();
      else if (windowStart && !windowEnd && s >= fromSeq && s <= toSeq) {
        lastAnswer = { seq: s, snapshot: snapshot() };
        if (s === toSeq) {
          windowEnd = lastAnswer.snapshot;
          onWindowEnd();
        }
      }
    };
    let stopped = false;
    const publishOne = () => {
      seq++;
      const s = seq;
      const sent = performance.now();
      // An answer that comes after the window was closed (a server far behind) does not count.
      const settle = (result) => {
        if (!published.has(s)) published.set(s, result);
      };
      const p = publish(s).then(
        (res) => settle({ ok: res.status === 201, ms: performance.now() - sent, status: res.status }),
        (error) => settle({ ok: false, ms: performance.now() - sent, error: String(error.message) }),
      );
      inflight.add(p);
      void p.finally(() => {
        inflight.delete(p);
        answered(s);
      });
      if (seq === toSeq) {
        stopped = true;
        clearInterval(publishTimer);
        publishTimer = undefined;
      }
    };
    // On an absolute schedule: a timer that fires late (the driver shares the machine) catches up, so
    // the servers get `rate` events per second on average.
    const period = 1000 / opts.rate;
    const publishStart = performance.now();
    publishTimer = setInterval(
      () => {
        const due = Math.floor((performance.now() - publishStart) / period) + 1;
        while (!stopped && seq < due) publishOne();
      },
      Math.min(10, period / 4),
    );
    rssTimer = setInterval(() => {
      if (windowStart && !windowEnd) rssSamples.push(rssBytes(server.pid));
    }, 1000);

    await sleep(opts.warmup * 1000);
    // Open the window a little ahead of the publisher, once every worker has acknowledged it.
    for (let attempt = 0; ; attempt++) {
      const candidate = seq + Math.max(3, Math.ceil(opts.rate / 2));
      await Promise.all(
        workers.map((w) => w.ask({ cmd: 'record', fromSeq: candidate }, 'recording', 10_000)),
      );
      if (seq < candidate) {
        fromSeq = candidate;
        toSeq = candidate + Math.round(opts.rate * opts.seconds) - 1;
        break;
      }
      if (attempt >= 5) throw new Error('could not open the measurement window (workers answer too slowly)');
    }
    // A server that falls behind answers late. Past twice the window, close the window anyway, over
    // the events it has answered by then, and drop the rest (the run is flagged `incomplete`).
    const windowBudget = (2 * opts.seconds + 30) * 1000;
    let incomplete = false;
    await Promise.race([windowDone, sleep(windowBudget).then(() => (incomplete = true))]);
    if (incomplete) {
      if (!windowStart) throw new Error(`the server answered no publish within ${windowBudget / 1000} s`);
      if (!lastAnswer)
        throw new Error(`the server answered no measured publish within ${windowBudget / 1000} s`);
      stopped = true;
      if (publishTimer) clearInterval(publishTimer);
      publishTimer = undefined;
      // End the window where it began: at an answer seen by the driver, so that the driver's own delay
      // in seeing answers (it shares the machine) shifts both ends alike.
      windowEnd = lastAnswer.snapshot;
      for (let s = fromSeq; s <= toSeq; s++) {
        if (s > lastAnswer.seq || !published.has(s)) published.set(s, { ok: false, error: 'late' });
      }
      agent.destroy();
    }
    clearInterval(rssTimer);
    const heapLoaded = await heapSample(server, heapFile);
    // Let the last publishes answer, then read every socket until the counts stop growing.
    const graceDeadline = Date.now() + 30_000;
    while (!incomplete && inflight.size > 0 && Date.now() < graceDeadline) await sleep(100);
    const rssLoaded = median(rssSamples.length ? rssSamples : [rssBytes(server.pid)]);
    // Read every socket until each has every accepted event, or the counts stop growing.
    const accepted = [];
    for (let s = fromSeq; s <= toSeq; s++) if (published.get(s)?.ok) accepted.push(s);
    const progress = async (cmd) => {
      const answers = await Promise.all(
        workers.map((w) => w.ask({ cmd, toSeq, seqs: accepted }, 'progress', 10_000)),
      );
      return {
        frames: answers.reduce((a, p) => a + p.frames, 0),
        open: answers.reduce((a, p) => a + p.open, 0),
      };
    };
    let last = await progress('drain');
    let lastChange = Date.now();
    const drainDeadline = Date.now() + 60_000;
    while (
      last.frames < accepted.length * last.open &&
      Date.now() < drainDeadline &&
      Date.now() - lastChange < opts.grace * 1000
    ) {
      await sleep(250);
      const now = await progress('progress');
      if (now.frames !== last.frames) lastChange = Date.now();
      last = now;
    }
    const reports = await Promise.all(workers.map((w) => w.ask({ cmd: 'report' }, 'report', 30_000)));

    // Delivery over the events the server accepted in the window.
    const okSeqs = [];
    const publishMs = [];
    let publishFailed = 0;
    for (let s = fromSeq; s <= toSeq; s++) {
      const p = published.get(s);
      if (p?.ok) {
        okSeqs.push(s);
        publishMs.push(p.ms);
      } else publishFailed++;
    }
    let delivered = 0;
    for (const r of reports) for (const s of okSeqs) delivered += r.perSeq[s] ?? 0;
    const clientsAtStart = opened;
    const expected = okSeqs.length * clientsAtStart;
    const perClient = reports.flatMap((r) => r.perClient);
    const fullClients = perClient.filter((n) => n >= okSeqs.length).length;
    const histogram = mergeHistograms(reports);

    const dt = (windowEnd.at - windowStart.at) / 1000;
    const serverCpu = (windowEnd.server - windowStart.server) / dt;
    const genCpuEach = windowEnd.gen.map((g, i) => (g - windowStart.gen[i]) / dt);
    const genCpu = genCpuEach.reduce((a, b) => a + b, 0);
    const selfCpu =
      (windowEnd.self.user - windowStart.self.user + windowEnd.self.system - windowStart.self.system) /
      1e6 /
      dt;
    const machineBusy =
      ((windowEnd.machine.busy - windowStart.machine.busy) /
        (windowEnd.machine.total - windowStart.machine.total)) *
      NCPU;
    const otherCpu = Math.max(0, machineBusy - serverCpu - genCpu - selfCpu);

    const result = {
      contender: name,
      level,
      round,
      port,
      requested: level,
      opened,
      connectErrors,
      connectAttemptsFailed,
      connectSeconds,
      openAtEnd: reports.reduce((s, r) => s + r.open, 0),
      closedEarly: reports.reduce((s, r) => s + r.closedEarly, 0),
      windowSeconds: dt,
      eventsInWindow: toSeq - fromSeq + 1,
      incomplete,
      /** Events the server broadcast per second in the window: below the publish rate, it fell behind. */
      achievedRate: (incomplete ? okSeqs.length : toSeq - fromSeq + 1) / dt,
      publishedOk: okSeqs.length,
      publishFailed,
      publishP50Ms: quantile(publishMs, 0.5),
      publishP99Ms: quantile(publishMs, 0.99),
      expected,
      delivered,
      deliveryPct: expected ? (100 * delivered) / expected : 0,
      fullClients,
      probes: reports.reduce((s, r) => s + r.probes, 0),
      latencySamples: histogram.reduce((s, [, n]) => s + n, 0),
      latencyP50Ms: percentile(histogram, reports[0].binPerMs, 0.5),
      latencyP99Ms: percentile(histogram, reports[0].binPerMs, 0.99),
      latencyMaxMs: histogram.length ? (histogram[histogram.length - 1][0] + 1) / reports[0].binPerMs : null,
      serverCpuPct: 100 * serverCpu,
      cpuUsPerDelivery: delivered ? (serverCpu * dt * 1e6) / delivered : null,
      rssIdleMB: rssIdle / 2 ** 20,
      rssLoadedMB: rssLoaded / 2 ** 20,
      memPerConnKB: (rssLoaded - rssIdle) / clientsAtStart / 1024,
      heapPerConnKB:
        heapIdle && heapLoaded ? (heapLoaded.heapUsed - heapIdle.heapUsed) / clientsAtStart / 1024 : null,
      externalPerConnKB:
        heapIdle && heapLoaded ? (heapLoaded.external - heapIdle.external) / clientsAtStart / 1024 : null,
      genCpuPct: 100 * genCpu,
      genCpuMaxWorkerPct: 100 * Math.max(...genCpuEach),
      driverCpuPct: 100 * selfCpu,
      machineBusyPct: 100 * machineBusy,
      otherCpuPct: 100 * otherCpu,
      framesPerRead:
        reports.reduce((s, r) => s + r.framesTotal, 0) /
        Math.max(
          1,
          reports.reduce((s, r) => s + r.reads, 0),
        ),
      sampleFrame: reports.find((r) => r.sampleFrame)?.sampleFrame ?? null,
    };
    result.flags = flagsOf(result, opts);
    return result;
  } finally {
    if (publishTimer) clearInterval(publishTimer);
    if (rssTimer) clearInterval(rssTimer);
    await Promise.all(
      workers.map(async (w) => {
        try {
          await w.ask({ cmd: 'close' }, 'closed', 10_000);
        } catch {
          /* killed below */
        }
        await stopChild(w.child, 2000);
      }),
    );
    agent.destroy();
    await stopChild(server, 8000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What may limit a figure: the load generator, a saturated server, or other work on the machine. */
function flagsOf(r, opts) {
  const flags = [];
  const genCores = opts.generatorCpus ? cpuCount(opts.generatorCpus) : NCPU;
  if (r.genCpuMaxWorkerPct >= 90 || r.genCpuPct + r.driverCpuPct >= 90 * genCores)
    flags.push('generator-bound');
  if (r.machineBusyPct >= 0.95 * NCPU * 100) flags.push('machine-saturated');
  // The server could not keep up: its CPU is at a core, or publishes wait longer than their period.
  if (r.serverCpuPct >= 95 || r.achievedRate < 0.95 * opts.rate || (r.publishP50Ms ?? 0) > 1000 / opts.rate) {
    flags.push('server-saturated');
  }
  if (r.otherCpuPct >= 15) flags.push('noisy');
  if (r.opened < r.requested) flags.push('not-all-connected');
  if (r.incomplete) flags.push('incomplete');
  return flags;
}

/** Waits (bounded) until the machine is nearly idle, so that runs start on equal terms. */
async function waitQuiet(maxSeconds) {
  const deadline = Date.now() + maxSeconds * 1000;
  let said = false;
  for (;;) {
    const a = machineCpu();
    await sleep(1000);
    const b = machineCpu();
    const busyCores = ((b.busy - a.busy) / (b.total - a.total)) * NCPU;
    if (busyCores < 0.3 || Date.now() >= deadline) {
      if (said)
        process.stderr.write(`machine at ${(100 * busyCores).toFixed(0)} % (of one core), going on\n`);
      return busyCores;
    }
    if (!said)
      process.stderr.write(
        `[bench] other processes busy (${(100 * busyCores).toFixed(0)} % of one core): waiting up to ${maxSeconds} s … `,
      );
    said = true;
    await sleep(2000);
  }
}

function cpuCount(list) {
  let n = 0;
  for (const part of list.split(',')) {
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b - a + 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Statistics and output

function median(values) {
  return quantile(values, 0.5);
}

function quantile(values, q) {
  const v = values.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

const METRICS = [
  'opened',
  'deliveryPct',
  'latencyP50Ms',
  'latencyP99Ms',
  'serverCpuPct',
  'cpuUsPerDelivery',
  'memPerConnKB',
  'heapPerConnKB',
  'rssLoadedMB',
  'genCpuPct',
  'otherCpuPct',
  'publishP50Ms',
  'achievedRate',
];

function summarize(runs, opts) {
  const summary = [];
  for (const level of opts.levels) {
    const byContender = {};
    for (const name of opts.contenders) {
      const all = runs.filter((r) => r.level === level && r.contender === name);
      const mine = all.filter((r) => !r.failed);
      if (all.length === 0) continue;
      if (mine.length === 0) {
        byContender[name] = { failed: all.length, rounds: 0, flags: ['failed'] };
        continue;
      }
      const med = {};
      for (const m of METRICS) med[m] = median(mine.map((r) => r[m]));
      med.minDeliveryPct = Math.min(...mine.map((r) => r.deliveryPct));
      med.rounds = mine.length;
      med.failed = all.length - mine.length;
      med.flags = [...new Set(all.flatMap((r) => r.flags))];
      byContender[name] = med;
    }
    const sb = byContender.signalboard;
    const mn = byContender.minimal;
    const ratio = (m) => (sb && mn && mn[m] ? sb[m] / mn[m] : null);
    const ratios =
      sb?.rounds && mn?.rounds
        ? {
            serverCpuPct: ratio('serverCpuPct'),
            cpuUsPerDelivery: ratio('cpuUsPerDelivery'),
            latencyP50Ms: ratio('latencyP50Ms'),
            latencyP99Ms: ratio('latencyP99Ms'),
            memPerConnKB: ratio('memPerConnKB'),
            heapPerConnKB: ratio('heapPerConnKB'),
          }
        : null;
    const target =
      sb?.rounds && mn?.rounds
        ? {
            delivery100: sb.minDeliveryPct >= 100 && sb.opened >= level,
            // Holding N clients means keeping up with the publish rate too, not only delivering late.
            keepsRate: sb.achievedRate >= 0.95 * opts.rate,
            cpuWithin1_3: ratios.cpuUsPerDelivery !== null && ratios.cpuUsPerDelivery <= 1.3,
            p99Within1_3: ratios.latencyP99Ms !== null && ratios.latencyP99Ms <= 1.3,
            memWithin1_5: ratios.memPerConnKB !== null && ratios.memPerConnKB <= 1.5,
          }
        : null;
    if (target) target.met = Object.values(target).every(Boolean);
    else if (sb && !sb.rounds) {
      summary.push({
        level,
        contenders: byContender,
        ratios,
        target: { met: false, signalboardFailed: true },
      });
      continue;
    }
    summary.push({ level, contenders: byContender, ratios, target });
  }
  return summary;
}

const fmt = (v, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);

function markdown(summary, runs, opts, meta) {
  const lines = [];
  lines.push(`# SSE fan-out: Signalboard /api/events vs minimal node:http`);
  lines.push('');
  lines.push(
    `${meta.startedAt} · ${meta.cpus} × ${meta.cpuModel} · Node ${process.version} · ${opts.rate} events/s of ${meta.dataBytes}-byte data ` +
      `(${meta.frameBytes ?? '?'}-byte SSE frame) · ${opts.seconds} s window after ${opts.warmup} s warm-up · ${opts.rounds} round(s), ` +
      `contenders interleaved (order alternates each round) · ${opts.workers} load-generator processes, raw sockets; ` +
      `latency on ${opts['probe-pct']} % of the connections (probes read at once), delivery on all of them · ` +
      (opts.serverCpus
        ? `server pinned to CPU ${opts.serverCpus}, generator to CPU ${opts.generatorCpus}`
        : 'no CPU pinning') +
      ` · tree ${meta.git.head}${meta.git.dirty.length ? ` + uncommitted changes to ${meta.git.dirty.map((l) => l.slice(3)).join(', ')}` : ''}.`,
  );
  lines.push('');
  lines.push(
    'Medians over rounds. Ratio = Signalboard ÷ minimal (lower is better; the target is in brackets).',
  );
  lines.push('');
  lines.push(
    '| clients | server | opened | delivery % (min) | events/s | publish lag ms | p50 ms | p99 ms | server CPU % | CPU µs/delivery | mem/conn KB (RSS) | heap/conn KB | RSS MB | generator CPU % | other CPU % | flags |',
  );
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of summary) {
    for (const [name, m] of Object.entries(s.contenders)) {
      lines.push(
        `| ${s.level} | ${name} | ${fmt(m.opened, 0)} | ${fmt(m.deliveryPct, 2)} (${fmt(m.minDeliveryPct, 2)}) | ${fmt(m.achievedRate, 1)} | ${fmt(m.publishP50Ms, 0)} | ${fmt(m.latencyP50Ms)} | ${fmt(m.latencyP99Ms)} | ${fmt(m.serverCpuPct)} | ${fmt(m.cpuUsPerDelivery, 2)} | ${fmt(m.memPerConnKB, 2)} | ${fmt(m.heapPerConnKB, 2)} | ${fmt(m.rssLoadedMB, 0)} | ${fmt(m.genCpuPct)} | ${fmt(m.otherCpuPct)} | ${m.flags.join(', ')} |`,
      );
    }
    if (s.ratios) {
      const r = s.ratios;
      const t = s.target;
      const mark = (ok) => (ok ? '✓' : '✗');
      lines.push(
        `| ${s.level} | **ratio** | | ${mark(t.delivery100)} 100 % | ${mark(t.keepsRate)} | | ${fmt(r.latencyP50Ms, 2)}× | ${fmt(r.latencyP99Ms, 2)}× ${mark(t.p99Within1_3)} [≤1.3] | ${fmt(r.serverCpuPct, 2)}× | ${fmt(r.cpuUsPerDelivery, 2)}× ${mark(t.cpuWithin1_3)} [≤1.3] | ${fmt(r.memPerConnKB, 2)}× ${mark(t.memWithin1_5)} [≤1.5] | ${fmt(r.heapPerConnKB, 2)}× | | | | ${t.met ? 'target met' : 'target missed'} |`,
      );
    }
  }
  lines.push('');
  lines.push('Every run (fresh server process each):');
  lines.push('');
  lines.push(
    '| clients | round | server | opened | connect s (failed attempts) | delivery % | full clients | events/s | publish lag p50/p99 ms | p50 | p99 | max ms | server CPU % | µs/delivery | mem/conn KB | heap/conn KB | RSS idle→loaded MB | gen CPU % (max worker) | machine busy % | flags |',
  );
  lines.push(
    '|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|',
  );
  for (const r of runs) {
    if (r.failed) {
      lines.push(`| ${r.level} | ${r.round + 1} | ${r.contender} | failed: ${r.error.replace(/\|/g, '/')} |`);
      continue;
    }
    lines.push(
      `| ${r.level} | ${r.round + 1} | ${r.contender} | ${r.opened} | ${fmt(r.connectSeconds, 1)} (${r.connectAttemptsFailed}) | ${fmt(r.deliveryPct, 2)} | ${r.fullClients} | ${fmt(r.achievedRate, 1)} | ${fmt(r.publishP50Ms, 0)}/${fmt(r.publishP99Ms, 0)} | ${fmt(r.latencyP50Ms)} | ${fmt(r.latencyP99Ms)} | ${fmt(r.latencyMaxMs)} | ${fmt(r.serverCpuPct)} | ${fmt(r.cpuUsPerDelivery, 2)} | ${fmt(r.memPerConnKB, 2)} | ${fmt(r.heapPerConnKB, 2)} | ${fmt(r.rssIdleMB, 0)}→${fmt(r.rssLoadedMB, 0)} | ${fmt(r.genCpuPct)} (${fmt(r.genCpuMaxWorkerPct)}) | ${fmt(r.machineBusyPct)} | ${r.flags.join(', ')} |`,
    );
  }
  lines.push('');
  lines.push(
    'Notes: latency = receive time − the `ts` the server stamped at publish (ms resolution, same clock), on the probe ' +
      'connections. publish lag = round trip of the publish request (the server broadcasts before it answers): when it ' +
      'grows past 100 ms the server is behind the 10/s schedule and the `ts`-based latency hides that wait. events/s = ' +
      'measured events ÷ window, where the window runs from the answer to the publish before the first measured event ' +
      'to the answer to the last one. CPU % = user+system of the server process over that window (100 % = one core); ' +
      'µs/delivery = that CPU time ÷ events delivered. ' +
      'mem/conn = (median RSS during the window − idle RSS before clients) ÷ clients; heap/conn = the same with V8 heap ' +
      'used after a forced full GC (bench/sse-fanout/heap-probe.mjs, outside the window). Flags: generator-bound = a load worker ' +
      'used ≥ 90 % of a core (or all of its pinned CPUs); machine-saturated = all ' +
      `${NCPU} cores ≥ 95 % busy; server-saturated = server CPU ≥ 95 % or publish requests answered later than one ` +
      'period (the server fell behind 10/s); noisy = other processes (not the server, generator or driver) used ≥ 15 % of a core.',
  );
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------

/** Writes the JSON and markdown results; called after every run, so an aborted run keeps what it measured. */
function writeResults(runs, opts, meta, started, final) {
  const summary = summarize(runs, opts);
  meta.durationSeconds = (Date.now() - started) / 1000;
  meta.loadAvgAtEnd = os.loadavg();
  meta.complete = final;
  const md = markdown(summary, runs, opts, meta);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, 'sse-fanout.json'),
    JSON.stringify({ meta, summary, runs }, null, 2) + '\n',
  );
  writeFileSync(path.join(resultsDir, 'sse-fanout.md'), md);
  return md;
}

function gitInfo() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  };
  return {
    head: git('rev-parse', '--short', 'HEAD'),
    // Uncommitted changes to what the benchmark runs: the figures are for this tree, not for HEAD.
    dirty: (git('status', '--porcelain', '--', 'app', 'lib', 'server.ts', 'broker', 'next.config.ts') ?? '')
      .split('\n')
      .filter(Boolean),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const hardDeadline = setTimeout(() => {
    console.error(`[bench] --max-minutes ${opts['max-minutes']} exceeded: aborting`);
    killAll('SIGKILL');
    process.exit(3);
  }, opts['max-minutes'] * 60_000);
  hardDeadline.unref();

  let snapshot = null;
  if (opts.tree !== 'work') {
    snapshot = prepareSnapshot(opts.tree);
    appRoot = snapshot.dir;
  }
  if (opts.contenders.includes('signalboard')) ensureBuild(opts.build);
  if (opts.generatorCpus) {
    // The driver and the load workers it forks share the generator CPUs; servers get their own.
    execFileSync('taskset', ['-a', '-p', '-c', opts.generatorCpus, String(process.pid)], { stdio: 'ignore' });
  }
  const sample = JSON.stringify({ ...eventData(1), ts: Date.now() });
  const meta = {
    startedAt: new Date(started).toISOString(),
    cpus: NCPU,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAvgAtStart: os.loadavg(),
    dataBytes: Buffer.byteLength(sample),
    frameBytes: null,
    options: opts,
    git: snapshot ? { head: snapshot.commit.slice(0, 12), dirty: [], snapshot: snapshot.dir } : gitInfo(),
  };
  console.error(
    `[bench] SSE fan-out: levels ${opts.levels.join(', ')} · ${opts.rounds} round(s) · ${opts.seconds} s window · ` +
      `contenders ${opts.contenders.join(' vs ')} · load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  const runs = [];
  for (const level of opts.levels) {
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? opts.contenders : [...opts.contenders].reverse();
      for (const name of order) {
        await waitQuiet(opts['quiet-wait']);
        process.stderr.write(`[bench] ${level} clients · round ${round + 1}/${opts.rounds} · ${name} … `);
        let r;
        try {
          r = await runOne(name, level, round, opts);
        } catch (error) {
          // One failed run (a server that would not start, a stuck worker) does not lose the others.
          const message = error instanceof Error ? error.message : String(error);
          runs.push({ contender: name, level, round, failed: true, error: message, flags: ['failed'] });
          process.stderr.write(`failed: ${message}\n`);
          writeResults(runs, opts, meta, started, false);
          continue;
        }
        runs.push(r);
        meta.frameBytes ??= r.sampleFrame ? Buffer.byteLength(r.sampleFrame) : null;
        writeResults(runs, opts, meta, started, false);
        process.stderr.write(
          `opened ${r.opened}/${level} in ${fmt(r.connectSeconds, 1)} s (${r.connectAttemptsFailed} failed attempts), delivery ${fmt(r.deliveryPct, 2)} %, ${fmt(r.achievedRate, 1)} events/s, publish lag ${fmt(r.publishP50Ms, 0)} ms, p50 ${fmt(r.latencyP50Ms)} ms, p99 ${fmt(r.latencyP99Ms)} ms, ` +
            `server CPU ${fmt(r.serverCpuPct)} % (${fmt(r.cpuUsPerDelivery, 2)} µs/delivery), ${fmt(r.memPerConnKB, 2)} KB/conn RSS, ${fmt(r.heapPerConnKB, 2)} KB/conn heap, ` +
            `generator ${fmt(r.genCpuPct)} %, other ${fmt(r.otherCpuPct)} %${r.flags.length ? ` [${r.flags.join(', ')}]` : ''}\n`,
        );
      }
    }
  }
  const md = writeResults(runs, opts, meta, started, true);
  process.stdout.write('\n' + md);
  console.error(`[bench] wrote bench/results/sse-fanout.{json,md} in ${fmt(meta.durationSeconds, 0)} s`);
  clearTimeout(hardDeadline);
}

main().then(
  () => {
    killAll('SIGKILL');
    process.exit(0);
  },
  (error) => {
    console.error('[bench] failed:', error instanceof Error ? error.stack : error);
    killAll('SIGKILL');
    process.exit(1);
  },
);
