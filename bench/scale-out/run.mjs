// Scale-out benchmark: SSE fan-out with two Signalboard instances on Redis (one DATA_DIR, one private
// redis-server) against one instance on the embedded defaults. The same open-loop load both times:
// `--rate` ~100-byte events per second published through POST /api/events (alternately to each
// instance, as a load balancer would), `--clients` SSE clients split evenly over the instances. The
// figure is deliveries per second: frames the clients received during the window, whatever the lag.
// Target (issue 9): two instances deliver at least 1.6× what one does. Needs `npm run build` first.
//
//   node bench/scale-out/run.mjs [--clients 2000] [--rate 100] [--seconds 10] [--warmup 3] [--rounds 1]
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
/** The SSE load generator of bench/sse-fanout, driven over IPC (raw sockets, counts per sequence). */
const WORKER = path.join(root, 'bench/sse-fanout/load-worker.mjs');
const ADMIN_PASSWORD = 'bench-admin-password';
const DEFAULTS = { clients: 2000, rate: 100, seconds: 10, warmup: 3, rounds: 1 };

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (key === 'help' || key === 'h') {
      console.log(
        'usage: node bench/scale-out/run.mjs [--clients 2000] [--rate 100] [--seconds 10] [--warmup 3] [--rounds 1]',
      );
      process.exit(0);
    }
    if (!(key in DEFAULTS)) throw new Error(`unknown option --${key} (see --help)`);
    const value = Number(inline ?? argv[++i]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${key}: a positive number`);
    opts[key] = value;
  }
  return opts;
}

const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

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

async function startRedis() {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary)
    throw new Error('redis-server not found: run scripts/install-system-deps.sh (Debian redis-server)');
  const port = await freePort();
  const child = track(
    spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    }),
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, child };
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

async function startInstance(dataDir, redisUrl) {
  const [port, mqtt, tls, wt] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SIGNALBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SIMULATORS: 'off',
    MQTT_PORT: String(mqtt),
    MQTT_TLS_PORT: String(tls),
    WT_PORT: String(wt),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const child = track(
    spawn(process.execPath, ['dist/server.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`instance exited (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`instance not ready:\n${log}`);
    await sleep(100);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return { port, base, cookie, child };
}

/** Forks one load worker and returns a request/answer helper over IPC. */
function startWorker() {
  const child = track(
    fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }),
  );
  const waiters = [];
  child.on('message', (msg) => {
    const i = waiters.findIndex((w) => w.type === msg.type || msg.type === 'error');
    if (i === -1) return;
    const [w] = waiters.splice(i, 1);
    if (msg.type === 'error') w.reject(new Error(msg.message));
    else w.resolve(msg);
  });
  return {
    child,
    ask: (msg, type) =>
      new Promise((resolve, reject) => {
        waiters.push({ type, resolve, reject });
        child.send(msg);
      }),
  };
}

/** ~100 bytes of JSON on the wire with `ts`; the load worker reads the sequence from `message`. */
const eventData = (seq) => ({
  deployId: 'bench',
  service: 'api',
  step: 'build',
  percent: 42,
  message: `s${String(seq).padStart(6, '0')} xxxxxxxx`,
});

async function measure(instances, opts) {
  const workers = instances.map(() => startWorker());
  const share = Math.floor(opts.clients / instances.length);
  const connected = await Promise.all(
    workers.map((w, i) =>
      w.ask(
        {
          cmd: 'connect',
          host: '127.0.0.1',
          port: instances[i].port,
          path: '/api/events?streams=deploys',
          headers: `Cookie: ${instances[i].cookie}\r\n`,
          count: share,
          ratePerSec: 1000,
          timeoutMs: 20_000,
          probeEvery: 10,
          retries: 2,
          lazyPeriodMs: 1000,
        },
        'connected',
      ),
    ),
  );
  const opened = connected.reduce((s, c) => s + c.opened, 0);
  await Promise.all(workers.map((w) => w.ask({ cmd: 'record', fromSeq: 1 }, 'recording')));
  let seq = 0;
  let failures = 0;
  const period = 1000 / opts.rate;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor((performance.now() - started) / period);
    while (seq < due) {
      seq++;
      const target = instances[seq % instances.length];
      fetch(`${target.base}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: target.cookie, origin: target.base },
        body: JSON.stringify({ type: 'deploy-progress', data: eventData(seq) }),
      }).then(
        (r) => (r.status !== 201 ? failures++ : r.arrayBuffer()),
        () => failures++,
      );
    }
  }, 5);
  const frames = async () =>
    (await Promise.all(workers.map((w) => w.ask({ cmd: 'progress' }, 'progress')))).reduce(
      (s, p) => s + p.framesInWindow,
      0,
    );
  await sleep(opts.warmup * 1000);
  const [f0, t0] = [await frames(), performance.now()];
  await sleep(opts.seconds * 1000);
  const [f1, t1] = [await frames(), performance.now()];
  clearInterval(timer);
  // No event may reach a client twice: per event, at most one frame per open client.
  const perSeq = new Map();
  for (const r of await Promise.all(workers.map((w) => w.ask({ cmd: 'report' }, 'report'))))
    for (const [s, n] of Object.entries(r.perSeq)) perSeq.set(s, (perSeq.get(s) ?? 0) + n);
  const maxPerEvent = Math.max(0, ...perSeq.values());
  const report = {
    opened,
    published: seq,
    failures,
    maxPerEvent,
    duplicates: maxPerEvent > opened,
    deliveriesPerSecond: (f1 - f0) / ((t1 - t0) / 1000),
  };
  await Promise.all(workers.map((w) => w.ask({ cmd: 'close' }, 'closed').catch(() => undefined)));
  return report;
}

async function scenario(count, opts) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-scale-out-'));
  const redis = count > 1 ? await startRedis() : null;
  const instances = [];
  try {
    // One after the other: the first creates the store, the others share it.
    for (let i = 0; i < count; i++) instances.push(await startInstance(dataDir, redis?.url));
    return await measure(instances, opts);
  } finally {
    for (const i of instances) i.child.kill('SIGTERM');
    await Promise.all(
      instances.map((i) => new Promise((r) => (i.child.exitCode !== null ? r() : i.child.once('exit', r)))),
    );
    redis?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(root, 'dist/server.js')) || !existsSync(path.join(root, '.next/BUILD_ID')))
    throw new Error('Run `npm run build` first.');
  console.log(
    `scale-out: ${opts.clients} SSE clients, ${opts.rate} events/s, ${opts.seconds} s window, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
  );
  // Over 100 % when a backlog from the warm-up drains in the window; under it, the instances fell behind.
  const pct = (x) => `${Math.round((100 * x.deliveriesPerSecond) / (opts.clients * opts.rate))} %`;
  const rounds = [];
  for (let r = 1; r <= opts.rounds; r++) {
    const one = await scenario(1, opts);
    console.log(
      `round ${r} one instance:  ${Math.round(one.deliveriesPerSecond)} deliveries/s, ${pct(one)} of offered (${one.opened} clients, ${one.failures} failed publishes, at most ${one.maxPerEvent} frames of one event)`,
    );
    const two = await scenario(2, opts);
    console.log(
      `round ${r} two instances: ${Math.round(two.deliveriesPerSecond)} deliveries/s, ${pct(two)} of offered (${two.opened} clients, ${two.failures} failed publishes, at most ${two.maxPerEvent} frames of one event)`,
    );
    rounds.push({ one, two, ratio: two.deliveriesPerSecond / one.deliveriesPerSecond });
  }
  if (rounds.some((r) => r.one.duplicates || r.two.duplicates))
    console.log('DUPLICATES: a client got an event twice');
  const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)];
  const offered = opts.clients * opts.rate;
  if (rounds.some((r) => r.two.deliveriesPerSecond >= 0.95 * offered))
    console.log('two instances kept up with the offered load: raise --clients or --rate to find their limit');
  console.log(
    `offered ${offered} deliveries/s; ratio two ÷ one (median of ${rounds.length}): ${ratio.toFixed(2)}× (target ≥ 1.6×: ${ratio >= 1.6 ? 'met' : 'not met'})`,
  );
  const out = path.join(root, 'bench/results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `scale-out-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ options: opts, cpus: os.cpus().length, loadavg: os.loadavg(), rounds, ratio }, null, 2),
  );
  console.log(`results: ${path.relative(root, file)}`);
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
