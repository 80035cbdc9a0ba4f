// `npm run bench`: runs every benchmark of the project (bench/*/run.mjs) one after another and writes
// one table of every figure, its peer and the ratio: bench/results/summary.{md,json}.
//
//   node bench/run-all.mjs                       # everything, full settings (hours on a small machine)
//   node bench/run-all.mjs --quick               # short runs of each, to check they work
//   node bench/run-all.mjs --only mqtt-ingest,webtransport -- --rounds 1   # after --: to each benchmark
//   node bench/run-all.mjs --collect             # no runs: the table from the results already on disk
//   node bench/run-all.mjs --list
//
// A benchmark that exits non-zero, times out or writes no fresh results shows as failed in the table;
// the others still run. Each benchmark's output is also kept in bench/results/logs/<name>.log.
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from './summary/extractors.mjs';
import { json, markdown } from './summary/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const resultsDir = path.join(here, 'results');

/** Known benchmarks in run order, with the settings of a short `--quick` run (their own flags). */
const KNOWN = [
  {
    name: 'sse-fanout',
    quick: [
      '--levels',
      '1000',
      '--rounds',
      '1',
      '--seconds',
      '8',
      '--quiet-wait',
      '10',
      '--max-minutes',
      '10',
    ],
  },
  { name: 'webhook-to-browser', quick: ['--seconds', '5', '--clients', '20'] },
  {
    name: 'monitors',
    quick: ['--monitors', '200', '--seconds', '20', '--warmup', '10', '--max-minutes', '5'],
  },
  {
    name: 'chat-fanout',
    quick: [
      '--clients',
      '200',
      '--seconds',
      '5',
      '--rounds',
      '1',
      '--quiet-wait',
      '10',
      '--max-minutes',
      '8',
    ],
  },
  {
    name: 'mqtt-ingest',
    quick: [
      '--rounds',
      '1',
      '--seconds',
      '3',
      '--warmup',
      '1',
      '--latency-seconds',
      '2',
      '--max-minutes',
      '8',
    ],
  },
  { name: 'log-ingest', quick: ['--scenarios', 'push', '--seconds', '5', '--rate', '5000'] },
  { name: 'webtransport', quick: ['--rounds', '1', '--seconds', '4'] },
  { name: 'scale-out', quick: [] },
];

function usage() {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  return text
    .slice(
      0,
      text.findIndex((l) => l.startsWith('import')),
    )
    .join('\n');
}

function parseArgs(argv) {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const opts = {
    only: null,
    quick: false,
    collect: false,
    list: false,
    timeoutMinutes: null,
    passThrough: split < 0 ? [] : argv.slice(split + 1),
  };
  for (let i = 0; i < own.length; i++) {
    const [key, inline] = own[i].split('=', 2);
    const value = () => inline ?? own[++i];
    if (key === '--help' || key === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (key === '--only')
      opts.only = String(value() ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (key === '--quick') opts.quick = true;
    else if (key === '--collect') opts.collect = true;
    else if (key === '--list') opts.list = true;
    else if (key === '--timeout-minutes') {
      opts.timeoutMinutes = Number(value());
      if (!(opts.timeoutMinutes > 0)) throw new Error('--timeout-minutes: a positive number');
    } else throw new Error(`unknown option ${own[i]} (options for the benchmarks go after --; see --help)`);
  }
  return opts;
}

/** Every bench/<name>/run.mjs: the known ones in their order, then any other (e.g. one added since). */
function discover() {
  const present = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(here, d.name, 'run.mjs')))
    .map((d) => d.name);
  const known = KNOWN.filter((b) => present.includes(b.name));
  const others = present
    .filter((n) => !KNOWN.some((b) => b.name === n))
    .sort()
    .map((name) => ({ name, quick: [] }));
  return [...known, ...others];
}

/** A benchmark that reads `--quick` itself gets it; the others get their short settings above. */
function quickArgs(bench) {
  const source = readFileSync(path.join(here, bench.name, 'run.mjs'), 'utf8');
  return /['"`]--quick['"`]|\bquick\s*:/.test(source) ? ['--quick'] : bench.quick;
}

let current = null;
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
  if (current) stop(current);
});

function stop(child) {
  try {
    child.kill('SIGTERM'); // each benchmark kills its servers and workers on SIGTERM
  } catch {
    // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL'); // whatever is left of its process group
    } catch {
      // nothing left
    }
  }, 15_000).unref();
}

function run(bench, args, timeoutMs) {
  mkdirSync(path.join(resultsDir, 'logs'), { recursive: true });
  const log = createWriteStream(path.join(resultsDir, 'logs', `${bench.name}.log`));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, bench.name, 'run.mjs'), ...args], {
      cwd: root,
      detached: true, // its own process group, so a timeout can take its servers down with it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = child;
    const tail = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[bench] ${bench.name}: no end after ${Math.round(timeoutMs / 60_000)} min; stopping it`);
      stop(child);
    }, timeoutMs);
    const tee = (stream, out) =>
      stream.on('data', (chunk) => {
        out.write(chunk);
        log.write(chunk);
        for (const line of String(chunk).split('\n')) if (line.trim()) tail.push(line.trim());
        if (tail.length > 40) tail.splice(0, tail.length - 40);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (error) => tail.push(error.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      log.end();
      resolve({ code, signal, timedOut, lastLine: why(tail) });
    });
  });
}

/** The line of a failed run's output that says why: an error message rather than a stack frame. */
function why(lines) {
  const meaningful = lines.filter((l) => !/^at\s|^Node\.js v|^\^+$|^file:\/\//.test(l));
  return (
    meaningful.findLast((l) => /error|failed|unknown|cannot|refused/i.test(l)) ?? meaningful.at(-1) ?? ''
  );
}

/** The benchmark's results file if it was written at or after `since` (ms), parsed; else why not. */
function readResults(name, since) {
  const file = path.join(resultsDir, `${name}.json`);
  if (!existsSync(file)) return { error: `no bench/results/${name}.json written` };
  if (statSync(file).mtimeMs < since - 1_000)
    return { error: `bench/results/${name}.json is from an earlier run` };
  try {
    return { json: JSON.parse(readFileSync(file, 'utf8')), file };
  } catch (error) {
    return { error: `bench/results/${name}.json is not JSON (${error.message})` };
  }
}

function collect(bench, since, outcome) {
  // Collected from disk (no outcome): any results file will do, and there is no duration to tell.
  const base = {
    name: bench.name,
    seconds: outcome ? (Date.now() - since) / 1000 : null,
    results: `bench/results/${bench.name}.json`,
  };
  if (outcome?.timedOut) return { ...base, status: 'failed', reason: 'timed out', rows: [] };
  if (outcome && outcome.code !== 0) {
    const why = outcome.signal ? `killed by ${outcome.signal}` : `exit code ${outcome.code}`;
    return {
      ...base,
      status: 'failed',
      reason: `${why}${outcome.lastLine ? `: ${outcome.lastLine.slice(0, 200)}` : ''}`,
      rows: [],
    };
  }
  const read = readResults(bench.name, since);
  if (read.error) return { ...base, status: 'failed', reason: read.error, rows: [] };
  try {
    const { rows, how } = extract(bench.name, read.json);
    return { ...base, status: 'ok', how, rows };
  } catch (error) {
    return { ...base, status: 'failed', reason: `results could not be read: ${error.message}`, rows: [] };
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = discover();
  if (opts.list) {
    for (const b of all) console.log(`${b.name}\t--quick: ${quickArgs(b).join(' ') || '(none)'}`);
    return 0;
  }
  const unknown = (opts.only ?? []).filter((n) => !all.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(
      `--only: no benchmark ${unknown.join(', ')} (there are: ${all.map((b) => b.name).join(', ')})`,
    );
  const selected = opts.only ? all.filter((b) => opts.only.includes(b.name)) : all;
  const timeoutMs = (opts.timeoutMinutes ?? (opts.quick ? 20 : 120)) * 60_000;
  const startedAt = new Date();
  const benchmarks = [];
  for (const bench of selected) {
    const since = Date.now();
    if (opts.collect) {
      benchmarks.push(collect(bench, 0, null));
      continue;
    }
    if (interrupted) {
      benchmarks.push({
        name: bench.name,
        status: 'failed',
        reason: 'not run: interrupted',
        seconds: 0,
        rows: [],
      });
      continue;
    }
    const args = [...(opts.quick ? quickArgs(bench) : []), ...opts.passThrough];
    console.error(`\n[bench] ${bench.name}: node bench/${bench.name}/run.mjs ${args.join(' ')}`);
    benchmarks.push(collect(bench, since, await run(bench, args, timeoutMs)));
  }
  const summary = {
    meta: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? '?'} · Node ${process.version} · load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      command: `node bench/run-all.mjs ${process.argv.slice(2).join(' ')}`.trim(),
      quick: opts.quick,
      collected: opts.collect,
    },
    benchmarks,
  };
  mkdirSync(resultsDir, { recursive: true });
  const md = markdown(summary);
  writeFileSync(path.join(resultsDir, 'summary.md'), md);
  writeFileSync(path.join(resultsDir, 'summary.json'), json(summary));
  process.stdout.write(`\n${md}`);
  console.error('[bench] wrote bench/results/summary.{md,json}');
  return benchmarks.some((b) => b.status !== 'ok') ? 1 : 0;
}

main().then(
  (code) => process.exit(interrupted ? 130 : code),
  (error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(2);
  },
);
