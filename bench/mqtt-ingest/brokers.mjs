// Brokers of bench/mqtt-ingest: Signalboard (dist/server.js with two bench devices) and Mosquitto, each
// started fresh for a run, optionally pinned to CPUs with taskset.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
process.on('SIGINT', () => process.exit(130));

export function start(cmd, args, env, cpus) {
  const [file, argv] = cpus ? ['taskset', ['-c', cpus, cmd, ...args]] : [cmd, args];
  const child = spawn(file, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.log = '';
  child.stdout.on('data', (d) => (child.log += d));
  child.stderr.on('data', (d) => (child.log += d));
  return child;
}

export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 6_000);
  await exited;
  clearTimeout(t);
}

const ADMIN_PASSWORD = 'bench-admin-password';
export const DEVICES = [
  { id: 'bench-pub', password: 'bench-pub-password', topicPrefix: 'sensors/bench', rateLimit: 1_000_000 },
  { id: 'bench-sub', password: 'bench-sub-password', topicPrefix: 'sensors/bench', rateLimit: 1_000_000 },
];

/** Starts a broker; returns its pid, MQTT URL, credentials and (Signalboard) metrics and SSE access. */
export async function startBroker(name, port, cpus) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sb-bench-mqtt-${name}-`));
  if (name === 'mosquitto') {
    const conf = path.join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      `listener ${port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\nmax_queued_messages 100000\nmax_inflight_messages 0\nlog_dest none\n`,
    );
    const child = start('/usr/sbin/mosquitto', ['-c', conf], {}, cpus);
    await waitPort(port, child);
    return { child, dir, url: `mqtt://127.0.0.1:${port}` };
  }
  const devicesFile = path.join(dir, 'devices.json');
  writeFileSync(devicesFile, JSON.stringify(DEVICES));
  const http = port + 1;
  const child = start(
    'node',
    [
      ...(process.env.MQTT_BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MQTT_BENCH_CPU_PROF}`]
        : []),
      'dist/server.js',
    ],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(http),
      MQTT_PORT: String(port),
      WT_PORT: String(port + 2),
      MQTT_TLS_PORT: String(port + 3),
      DATA_DIR: path.join(dir, 'data'),
      DEVICES_FILE: devicesFile,
      SIGNALBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SIMULATORS: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    cpus,
  );
  const base = `http://127.0.0.1:${http}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `Signalboard exited (code ${child.exitCode}, signal ${child.signalCode}):\n${child.log}`,
      );
    const ok = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`Signalboard not ready:\n${child.log}`);
    await sleep(200);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    child,
    dir,
    url: `mqtt://127.0.0.1:${port}`,
    metricsUrl: `${base}/metrics`,
    sse: { url: `${base}/api/events?streams=sensors`, cookie },
    auth: true,
  };
}

async function waitPort(port, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`broker exited:\n${child.log}`);
    const ok = await new Promise((r) =>
      net
        .connect(port, '127.0.0.1')
        .once('connect', function () {
          this.destroy();
          r(true);
        })
        .once('error', () => r(false)),
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened`);
}
