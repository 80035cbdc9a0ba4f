#!/usr/bin/env node
// bench/webhook-to-browser: latency from a signed CI webhook request to the event arriving at N SSE
// clients, and the sustained webhook rate, through the real server (issue: deploy progress over SSE).
// Target: p99 under 50 ms at 200 webhooks/s on a 2-core machine.
//
//   node bench/webhook-to-browser/run.mjs [--rate 200] [--seconds 20] [--clients 100] [--warmup 3] [--cpu-prof DIR]
//
// Needs `npm run build` (dist/server.js and .next). Prints a markdown table and writes
// bench/results/webhook-to-browser.{md,json}.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const RATE = Number(args.rate ?? 200);
const SECONDS = Number(args.seconds ?? 20);
const CLIENTS = Number(args.clients ?? 100);
const WARMUP = Number(args.warmup ?? 3);
// Diagnostics: `--cpu-prof DIR` writes a V8 CPU profile of the server run.
const CPU_PROF = args['cpu-prof'];
const SECRET = 'bench-webhook-secret-0123456789';
const PASSWORD = 'bench-admin-password';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer() {
  if (!fs.existsSync(path.join(ROOT, 'dist/server.js')) || !fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    throw new Error('Run `npm run build` first.');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-w2b-'));
  const nodeArgs = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SIMULATORS: 'off',
      SIGNALBOARD_ADMIN_PASSWORD: PASSWORD,
      DEPLOY_WEBHOOK_SECRET: SECRET,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, port, dataDir };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

async function login(base) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return res.headers.get('set-cookie').split(';')[0];
}

/** An SSE client that records, per sequence number, when its deploy-progress event arrived. */
function openClient(port, cookie, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/api/events?streams=deploys', headers: { cookie }, agent: false },
      (res) => {
        res.socket.setNoDelay(true);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const match = /"message":"seq:(\d+)"/.exec(frame);
            if (match) onEvent(Number(match[1]));
          }
        });
        resolve(req);
      },
    );
    req.on('error', reject);
  });
}

async function main() {
  const server = await startServer();
  const cookie = await login(server.base);
  const sentAt = new Map();
  const latencies = [];
  const received = new Array(CLIENTS).fill(0);
  let measuring = false;
  let firstMeasured = Infinity;
  const clients = [];
  for (let c = 0; c < CLIENTS; c++) {
    clients.push(
      await openClient(server.port, cookie, (seq) => {
        const t = sentAt.get(seq);
        if (t === undefined || seq < firstMeasured) return;
        received[c]++;
        latencies.push(now() - t);
      }),
    );
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const send = (body) =>
    new Promise((resolve) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
      const started = now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/webhooks/deploy',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-signalboard-timestamp': ts,
            'x-signalboard-signature': `sha256=${sig}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, ms: now() - started }));
        },
      );
      req.on('error', () => resolve({ status: 0, ms: now() - started }));
      req.end(body);
    });

  // Open the deploys the progress calls will move (20 services deploying at once).
  const DEPLOYS = 20;
  for (let d = 0; d < DEPLOYS; d++) {
    await send(JSON.stringify({ deployId: `bench-${d}`, service: `svc-${d}`, environment: 'bench', status: 'started' }));
  }

  const total = Math.round(RATE * (WARMUP + SECONDS));
  const warmupCount = Math.round(RATE * WARMUP);
  const responses = [];
  const inFlight = [];
  const cpuStart = { t: 0, cpu: 0 };
  const started = now();
  for (let seq = 0; seq < total; seq++) {
    const due = started + (seq * 1000) / RATE;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    if (seq === warmupCount) {
      measuring = true;
      firstMeasured = seq;
      cpuStart.t = now();
      cpuStart.cpu = readCpu(server.child.pid);
    }
    const body = JSON.stringify({
      deployId: `bench-${seq % DEPLOYS}`,
      status: 'in_progress',
      step: `step-${seq % 7}`,
      percent: seq % 100,
      message: `seq:${seq}`,
    });
    sentAt.set(seq, now());
    const p = send(body).then((r) => measuring && seq >= firstMeasured && responses.push(r));
    inFlight.push(p);
  }
  await Promise.all(inFlight);
  const windowMs = now() - cpuStart.t;
  const cpu = readCpu(server.child.pid) - cpuStart.cpu;
  await sleep(1000);
  const measured = total - warmupCount;
  const ok = responses.filter((r) => r.status === 200).length;
  latencies.sort((a, b) => a - b);
  const responseMs = responses.map((r) => r.ms).sort((a, b) => a - b);
  const delivered = received.reduce((a, b) => a + b, 0);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    load: os.loadavg()[0],
    rate: RATE,
    seconds: SECONDS,
    clients: CLIENTS,
    webhooksSent: measured,
    webhooksOk: ok,
    sustainedPerSecond: ok / (windowMs / 1000),
    deliveryPct: (100 * delivered) / (measured * CLIENTS),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1),
    responseP50: quantile(responseMs, 0.5),
    responseP99: quantile(responseMs, 0.99),
    serverCpuPct: (100 * cpu) / (windowMs / 1000),
  };
  const md = [
    `# Webhook to browser: signed generic webhook → ${CLIENTS} SSE clients`,
    '',
    `${result.date} · Node ${result.node} · ${result.cpus} CPUs · 1-min load ${result.load.toFixed(1)} at the end · ${RATE} webhooks/s for ${SECONDS} s after ${WARMUP} s warm-up`,
    '',
    '| webhooks/s sustained | delivery % | p50 ms | p99 ms | max ms | HTTP p50 ms | HTTP p99 ms | server CPU % | target p99 < 50 ms at 200/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    `| ${result.sustainedPerSecond.toFixed(1)} | ${result.deliveryPct.toFixed(2)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.max.toFixed(1)} | ${result.responseP50.toFixed(1)} | ${result.responseP99.toFixed(1)} | ${result.serverCpuPct.toFixed(1)} | ${result.p99 < 50 && result.sustainedPerSecond >= RATE * 0.98 ? 'met' : 'missed'} (ratio ${(result.p99 / 50).toFixed(2)}× of the bound) |`,
    '',
    'Latency: from just before the webhook request is sent to the deploy-progress event parsed by each client (same clock). The generator and the 100 clients share one process; the server runs in its own.',
  ].join('\n');
  console.log(md);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/webhook-to-browser.json'), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(ROOT, 'bench/results/webhook-to-browser.md'), `${md}\n`);
  for (const c of clients) c.destroy();
  agent.destroy();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

function readCpu(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
