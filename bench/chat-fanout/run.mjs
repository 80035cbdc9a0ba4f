// Chat fan-out benchmark: one channel, N connected WebSocket clients, messages broadcast at R/s,
// through Signalboard's /ws/chat (auth, zod validation, SQLite, bus, per-socket bounds) and through a
// minimal `ws` broadcast server, in the same run, interleaved, each on a fresh server process.
//
//   node bench/chat-fanout/run.mjs [--clients 2000] [--rate 50] [--seconds 15] [--rounds 3]
//
// Results: bench/results/chat-fanout.{json,md}. Targets (issue 7): Signalboard delivers at least 0.8×
// the minimal server's throughput, with p99 delivery latency under 100 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTENDERS } from './contenders.mjs';
import { fmt, killAll, machineCpu } from './measure.mjs';
import { runOne } from './measure-run.mjs';
import { markdown, summarize } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const DEFAULTS = {
  clients: 2000,
  rate: 50,
  seconds: 15,
  warmup: 5,
  grace: 3,
  rounds: 3,
  workers: 2,
  'connect-rate': 1000,
  'probe-pct': 10,
  'lazy-ms': 1000,
  senders: 0,
  pin: 'auto',
  contenders: 'signalboard,minimal',
  'base-port': 4700,
  'max-minutes': 15,
  build: 'auto',
  'quiet-wait': 60,
  nice: 0,
};

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(
        `usage: node bench/chat-fanout/run.mjs ${Object.entries(DEFAULTS)
          .map(([k, v]) => `[--${k} ${v}]`)
          .join(' ')}\n` +
          '  --senders 0: enough sender users to stay under the per-user rate limit (rate / 1.5)\n' +
          '  --pin auto: server on CPU 0, load generator on the others; off: no pinning\n' +
          '  --quiet-wait S: before each run, wait up to S seconds for other processes to leave the CPUs\n' +
          '  --nice N: run the servers and the load generator at this priority (e.g. -10, as root)',
      );
      process.exit(0);
    }
    const [key, inline] = arg.replace(/^--/, '').split('=', 2);
    if (!arg.startsWith('--') || !(key in DEFAULTS)) throw new Error(`unknown option ${arg} (see --help)`);
    const value = inline ?? argv[++i];
    opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !Number.isFinite(opts[key]))
      throw new Error(`--${key}: not a number`);
  }
  opts.contenders = opts.contenders.split(',').filter(Boolean);
  for (const c of opts.contenders) if (!CONTENDERS[c]) throw new Error(`unknown contender ${c}`);
  opts.senders ||= Math.ceil(opts.rate / 1.5);
  opts.probeEvery = Math.max(1, Math.round(100 / opts['probe-pct']));
  if (opts.pin === 'auto') opts.pin = os.cpus().length >= 2 ? `0:1-${os.cpus().length - 1}` : 'off';
  if (opts.pin !== 'off') [opts.serverCpus, opts.generatorCpus] = opts.pin.split(':');
  return opts;
}

function ensureBuild(mode) {
  const built =
    existsSync(path.join(root, 'dist/server.js')) && existsSync(path.join(root, '.next/BUILD_ID'));
  if (built || mode === 'never') {
    if (!built) throw new Error('no build (dist/server.js, .next): run npm run build');
    return;
  }
  console.error('[bench] building Signalboard (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

/** Waits (bounded) until the rest of the machine is nearly idle, so that runs start on equal terms. */
async function waitQuiet(maxSeconds) {
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const a = machineCpu();
    await sleep(1000);
    const b = machineCpu();
    const busy = ((b.busy - a.busy) / (b.total - a.total)) * os.cpus().length;
    if (busy < 0.3 || Date.now() >= deadline) return busy;
    await sleep(2000);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.root = root;
  const started = Date.now();
  setTimeout(() => {
    console.error(`[bench] --max-minutes ${opts['max-minutes']} exceeded: aborting`);
    killAll();
    process.exit(3);
  }, opts['max-minutes'] * 60_000).unref();
  if (opts.contenders.includes('signalboard')) ensureBuild(opts.build);
  // On a machine others keep busy, a negative nice (root) lets the figures describe the servers rather
  // than the scheduler; the load workers inherit the driver's priority.
  if (opts.nice) os.setPriority(opts.nice);
  if (opts.generatorCpus)
    execFileSync('taskset', ['-a', '-p', '-c', opts.generatorCpus, String(process.pid)], { stdio: 'ignore' });
  // A scratch copy of the tree has no .git: BENCH_TREE then names the commit it was made from.
  const head =
    process.env.BENCH_TREE ??
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  const meta = {
    startedAt: new Date(started).toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    node: process.version,
    git: head || null,
    options: opts,
    loadAvgAtStart: os.loadavg(),
  };
  console.error(
    `[bench] chat fan-out: ${opts.clients} clients, ${opts.rate} msg/s, ${opts.seconds} s window, ${opts.rounds} round(s), ${opts.contenders.join(' vs ')}`,
  );
  const runs = [];
  for (let round = 0; round < opts.rounds; round++) {
    for (const name of round % 2 === 0 ? opts.contenders : [...opts.contenders].reverse()) {
      const busy = await waitQuiet(opts['quiet-wait']);
      process.stderr.write(
        `[bench] round ${round + 1}/${opts.rounds} · ${name} (machine ${fmt(100 * busy, 0)} % busy before) … `,
      );
      const r = await runOne(name, round, opts);
      runs.push(r);
      save(runs, opts, meta, started);
      process.stderr.write(
        `opened ${r.opened}, delivery ${fmt(r.deliveryPct, 2)} %, ${fmt(r.throughput, 0)}/s, p50 ${fmt(r.latencyP50Ms)} ms, p99 ${fmt(r.latencyP99Ms)} ms, server CPU ${fmt(r.serverCpuPct)} %, ${fmt(r.memPerConnKB, 1)} KB/conn, other CPU ${fmt(r.otherCpuPct)} %${r.flags.length ? ` [${r.flags.join(', ')}]` : ''}\n`,
      );
    }
  }
  const md = save(runs, opts, meta, started);
  process.stdout.write(`\n${md}`);
}

/** Writes bench/results/chat-fanout.{json,md}; called after every run, so an abort keeps what was measured. */
function save(runs, opts, meta, started) {
  const summary = summarize(runs, opts);
  meta.durationSeconds = (Date.now() - started) / 1000;
  const md = markdown(summary, runs, opts, meta);
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/chat-fanout.json'),
    `${JSON.stringify({ meta, summary, runs }, null, 2)}\n`,
  );
  writeFileSync(path.join(root, 'bench/results/chat-fanout.md'), md);
  return md;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (killAll(), process.exit(130)));
process.on('exit', () => killAll());
main().then(
  () => process.exit(0),
  (error) => {
    console.error('[bench] failed:', error instanceof Error ? error.stack : error);
    killAll();
    process.exit(1);
  },
);
