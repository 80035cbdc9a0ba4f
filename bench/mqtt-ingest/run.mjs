// MQTT ingest benchmark: one mqtt.js load generator against Signalboard's embedded broker (ingest and
// store on) and, in the same run, Debian's Mosquitto (nothing stored), interleaved. See README
// ("Sensors and MQTT"); results go to bench/results/mqtt-ingest.{md,json}.
//
//   node bench/mqtt-ingest/run.mjs [--rounds 3] [--seconds 8] [--warmup 2]
//     [--scenarios qos0,qos1,fanin,fanout,browser] [--contenders signalboard,mosquitto]
//     [--pin auto|off|BROKER_CPUS:GENERATOR_CPUS] [--base-port 4700] [--max-minutes 15]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICES, start, startBroker, stop } from './brokers.mjs';
import { cpuSeconds, machineCpu, rssBytes } from './proc.mjs';
import { fmt, report } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const DEFAULTS = {
  rounds: 3,
  seconds: 8,
  warmup: 2,
  'latency-seconds': 4,
  scenarios: 'qos0,qos1,fanin,fanout,browser',
  contenders: 'signalboard,mosquitto',
  pin: 'auto',
  'base-port': 4700,
  'max-minutes': 15,
};

const SCENARIOS = {
  qos0: {
    label: '1 → 1 QoS 0',
    pubs: 1,
    subs: 1,
    qos: 0,
    window: 2_000,
    latencyRate: 5_000,
    fanIn: false,
    target: 0.7,
  },
  qos1: {
    label: '1 → 1 QoS 1',
    pubs: 1,
    subs: 1,
    qos: 1,
    window: 2_000,
    latencyRate: 5_000,
    fanIn: false,
    target: 1.0,
  },
  fanin: {
    label: '100 → 1 QoS 0 (sensors/bench/#)',
    pubs: 100,
    subs: 1,
    qos: 0,
    window: 2_000,
    latencyRate: 5_000,
    fanIn: true,
    target: 0.7,
  },
  fanout: {
    label: '1 → 100 QoS 0',
    pubs: 1,
    subs: 100,
    qos: 0,
    window: 200,
    latencyRate: 200,
    fanIn: false,
    target: null,
  },
  // Signalboard only: 200 devices × 9.5 readings of 5 fields a second ≈ 9,500 readings/s, to a browser's SSE stream.
  browser: {
    label: '≈10k readings/s → SSE',
    pubs: 200,
    subs: 0,
    qos: 0,
    window: 0,
    perSecond: 9.5,
    fanIn: false,
    target: null,
    only: 'signalboard',
  },
};

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (key === 'help') {
      console.log(
        `usage: node bench/mqtt-ingest/run.mjs ${Object.keys(DEFAULTS)
          .map((k) => `[--${k} ${DEFAULTS[k]}]`)
          .join(' ')}`,
      );
      process.exit(0);
    }
    if (!(key in DEFAULTS)) throw new Error(`unknown option --${key}`);
    const value = inline ?? argv[++i];
    o[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
  }
  o.scenarios = o.scenarios.split(',').filter(
    (s) =>
      SCENARIOS[s] ??
      (() => {
        throw new Error(`unknown scenario ${s}`);
      })(),
  );
  o.contenders = o.contenders.split(',');
  if (o.pin === 'auto')
    o.pin = os.cpus().length >= 2 && existsSync('/usr/bin/taskset') ? `0:1-${os.cpus().length - 1}` : 'off';
  return o;
}

const opts = parseArgs(process.argv.slice(2));
async function runOnce(contender, scenarioId, round, port) {
  const scenario = SCENARIOS[scenarioId];
  const [brokerCpus, genCpus] = opts.pin === 'off' ? [null, null] : opts.pin.split(':');
  const broker = await startBroker(contender, port, brokerCpus);
  const idleRss = rssBytes(broker.child.pid);
  const cfg = {
    url: broker.url,
    pubs: scenario.pubs,
    subs: scenario.subs,
    qos: scenario.qos,
    window: scenario.window,
    perSecond: scenario.perSecond,
    latencyRate: scenario.latencyRate,
    latencySeconds: opts['latency-seconds'],
    topicPrefix: 'sensors/bench',
    subFilter: scenario.fanIn ? 'sensors/bench/#' : 'sensors/bench/p0',
    pubAuth: broker.auth ? { username: DEVICES[0].id, password: DEVICES[0].password } : null,
    subAuth: broker.auth ? { username: DEVICES[1].id, password: DEVICES[1].password } : null,
    metricsUrl: broker.metricsUrl,
    sse: scenario.perSecond ? broker.sse : undefined,
    seconds: opts.seconds,
    warmup: opts.warmup,
  };
  const load = start('node', [path.join(here, 'load.mjs'), JSON.stringify(cfg)], {}, genCpus);
  let window = null;
  let maxRss = idleRss;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, rssBytes(broker.child.pid))), 250);
  const marks = {};
  await new Promise((resolve, reject) => {
    load.stdout.on('data', (d) => {
      const text = d.toString();
      if (text.includes('WINDOW_START'))
        marks.start = { cpu: cpuSeconds(broker.child.pid), machine: machineCpu(), at: Date.now() };
      if (text.includes('WINDOW_END'))
        marks.end = { cpu: cpuSeconds(broker.child.pid), machine: machineCpu(), at: Date.now() };
    });
    load.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`load generator failed (${code}):\n${load.log}\n${broker.child.log.slice(-2000)}`),
          ),
    );
  });
  clearInterval(rssTimer);
  const result = JSON.parse(/RESULT (.*)/.exec(load.log)[1]);
  if (marks.start && marks.end) {
    const seconds = (marks.end.at - marks.start.at) / 1000;
    const busy =
      (marks.end.machine.busy - marks.start.machine.busy) /
      (marks.end.machine.total - marks.start.machine.total);
    window = {
      brokerCpuPct: ((marks.end.cpu - marks.start.cpu) / seconds) * 100,
      machineBusyPct: busy * 100 * os.cpus().length,
      brokerUsPerMsg: ((marks.end.cpu - marks.start.cpu) * 1e6) / (result.deliveredPerSecond * seconds),
    };
  }
  await stop(load);
  await stop(broker.child);
  rmSync(broker.dir, { recursive: true, force: true });
  const flags = [];
  if (result.generatorCpuPct >= 90) flags.push('generator-bound');
  if (window && window.brokerCpuPct >= 95) flags.push('broker-saturated');
  if (window && window.machineBusyPct >= 0.95 * os.cpus().length * 100) flags.push('machine-saturated');
  return {
    contender,
    scenario: scenarioId,
    round,
    ...result,
    ...window,
    idleRssMb: idleRss / 2 ** 20,
    maxRssMb: maxRss / 2 ** 20,
    flags,
  };
}

async function main() {
  if (!existsSync(path.join(root, 'dist/server.js')))
    throw new Error('Run `npm run build` first (dist/server.js).');
  if (!existsSync('/usr/sbin/mosquitto') && opts.contenders.includes('mosquitto'))
    throw new Error('mosquitto not found: run scripts/install-system-deps.sh');
  const deadline = Date.now() + opts['max-minutes'] * 60_000;
  const runs = [];
  let port = opts['base-port'];
  outer: for (let round = 1; round <= opts.rounds; round++) {
    for (const s of opts.scenarios) {
      const order = round % 2 ? opts.contenders : [...opts.contenders].reverse();
      for (const c of order) {
        if (SCENARIOS[s].only && SCENARIOS[s].only !== c) continue;
        if (Date.now() > deadline) {
          console.error(`[bench] --max-minutes ${opts['max-minutes']} reached; reporting what ran`);
          break outer;
        }
        port += 10;
        let r;
        try {
          r = await runOnce(c, s, round, port);
        } catch (error) {
          // A busy shared machine: a port taken meanwhile, a start that timed out. One more try, elsewhere.
          console.error(
            `[bench] round ${round} ${s} ${c} failed, retrying once: ${String(error).slice(0, 300)}`,
          );
          port += 10;
          r = await runOnce(c, s, round, port);
        }
        console.error(
          `[bench] round ${round} ${s} ${c}: ${fmt(r.deliveredPerSecond)} msgs/s, p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, broker CPU ${fmt(r.brokerCpuPct)} %, RSS ${fmt(r.maxRssMb)} MB ${r.flags.join(' ')}`,
        );
        runs.push(r);
      }
    }
  }
  // `mosquitto -h` prints its version and exits non-zero.
  const help = spawnSync('/usr/sbin/mosquitto', ['-h'], { encoding: 'utf8' });
  const mosquitto = /mosquitto version (\S+)/.exec(`${help.stdout}${help.stderr}`)?.[1] ?? '?';
  const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const header = `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · Node ${process.version} · ${opts.seconds} s window after ${opts.warmup} s warm-up · ${opts.rounds} round(s) · pin ${opts.pin} · tree ${commit} · command: node bench/mqtt-ingest/run.mjs ${process.argv.slice(2).join(' ')}`;
  const notes = `Notes: payloads are 64-byte JSON readings ({"temperature","humidity","timestamp"}; the browser scenario sends five fields) whose timestamp is the send time, so latency = receive time − send time on one clock (generator and subscribers in one process). The generator is closed-loop: at most \`window\` messages in flight end to end (2,000; fan-out 200 per subscriber), so throughput is what the broker sustains with bounded queues. Signalboard authenticates two devices from DEVICES_FILE (prefix sensors/bench, rate limit raised) and stores every reading (stored readings/s from signalboard_sensor_readings_total); Mosquitto runs anonymous with set_tcp_nodelay, no persistence. Fan-in subscribes sensors/bench/# on both (a device may only read its own subtree). CPU % is user+system of the broker process tree over the window (100 % = one core); the generator shares the machine; other processes on it count in machine busy %. Flags: generator-bound = the generator used ≥ 90 % of a core; broker-saturated = broker ≥ 95 %; machine-saturated = all cores ≥ 95 % busy.`;
  const md = report(runs, { header, notes, mosquitto }, opts, SCENARIOS);
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/mqtt-ingest.md'), md);
  writeFileSync(
    path.join(root, 'bench/results/mqtt-ingest.json'),
    JSON.stringify({ header, opts, runs }, null, 2),
  );
  console.log(md);
}

main().catch((error) => {
  console.error(`[bench] ${error.stack ?? error}`);
  process.exit(1);
});
