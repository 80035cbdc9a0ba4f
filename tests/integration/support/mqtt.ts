import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { freePort, startServer, type RunningServer } from './server';

/** A device of the test fleet, as in a DEVICES_FILE. */
export interface TestDevice {
  id: string;
  password: string;
  topicPrefix: string;
  rateLimit?: number;
}

export const ROOM_201: TestDevice = {
  id: 'room-201',
  password: 'room-201-password-1',
  topicPrefix: 'sensors/building-a/floor-2/room-201',
};
export const ROOM_202: TestDevice = {
  id: 'room-202',
  password: 'room-202-password-1',
  topicPrefix: 'sensors/building-a/floor-2/room-202',
};
export const GREENHOUSE: TestDevice = {
  id: 'greenhouse-1',
  password: 'greenhouse-password-1',
  topicPrefix: 'sensors/greenhouse-1',
};

export interface MqttServer extends RunningServer {
  mqttPort: number;
  mqttUrl: string;
  wsUrl: string;
}

/** Writes a DEVICES_FILE for `devices` in a fresh temporary directory. */
export function writeDevicesFile(devices: readonly unknown[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-devices-')), 'devices.json');
  fs.writeFileSync(file, JSON.stringify(devices));
  return file;
}

/** The real server with its broker on a free port and the given devices (DEVICES_FILE). */
export async function startMqttServer(
  options: {
    devices?: readonly TestDevice[];
    dataDir?: string;
    port?: number;
    mqttPort?: number;
    env?: Record<string, string>;
  } = {},
): Promise<MqttServer> {
  const mqttPort = options.mqttPort ?? (await freePort());
  const server = await startServer({
    dataDir: options.dataDir,
    port: options.port,
    env: {
      MQTT_PORT: String(mqttPort),
      DEVICES_FILE: writeDevicesFile(options.devices ?? [ROOM_201, ROOM_202, GREENHOUSE]),
      ...options.env,
    },
  });
  return {
    ...server,
    mqttPort,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    wsUrl: `${server.base.replace(/^http/, 'ws')}/mqtt`,
  };
}

/** Connects mqtt.js and waits for CONNACK; rejects with the refusal (its `code` is the return code). */
export async function connectClient(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
  return client;
}

export function deviceOptions(device: TestDevice, extra: IClientOptions = {}): IClientOptions {
  return {
    username: device.id,
    password: device.password,
    clientId: `${device.id}-${Math.random().toString(36).slice(2, 8)}`,
    ...extra,
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (or until `timeoutMs`, then SIGKILL). */
export function run(command: string, args: readonly string[], timeoutMs = 15_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts a command and leaves it running (the caller kills it). */
export function launch(command: string, args: readonly string[]): ChildProcess & { output: () => string } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

/**
 * Debian's python3, where python3-paho-mqtt installs (a python3 earlier on PATH, e.g. pyenv's, does
 * not see Debian's packages). Installed by scripts/install-system-deps.sh.
 */
export const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Fails with what to install when a Debian client is missing, instead of a puzzling ENOENT. */
export function requireTools(): void {
  const missing = ['mosquitto_pub', 'mosquitto_sub'].filter(
    (tool) => !['/usr/bin', '/usr/local/bin'].some((dir) => fs.existsSync(path.join(dir, tool))),
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not found: run scripts/install-system-deps.sh (Debian mosquitto-clients)`,
    );
  }
}

/** `mosquitto_pub` arguments for a device. */
export function pubArgs(server: MqttServer, device: TestDevice, extra: readonly string[]): string[] {
  return ['-h', '127.0.0.1', '-p', String(server.mqttPort), '-u', device.id, '-P', device.password, ...extra];
}

/** Waits for the next message on `client` whose topic matches `topic` (exact), or times out. */
export function nextMessage(
  client: MqttClient,
  topic?: string,
  ms = 5_000,
): Promise<{ topic: string; payload: string; retain: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      reject(new Error(`no message${topic ? ` on ${topic}` : ''} within ${ms} ms`));
    }, ms);
    const onMessage = (t: string, payload: Buffer, packet: { retain: boolean }) => {
      if (topic && t !== topic) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve({ topic: t, payload: payload.toString(), retain: packet.retain });
    };
    client.on('message', onMessage);
  });
}

/** GETs JSON with the session cookie. */
export async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface SeriesAnswer {
  series: {
    topic: string;
    deviceId: string;
    metric: string;
    lastValue: number | null;
    points: [number, number, number, number][];
  }[];
}

/** Polls `GET /api/sensors/series` until `check` holds (the ingest writes every 250 ms). */
export async function waitForSeries(
  server: RunningServer,
  cookie: string,
  filter: string,
  check: (answer: SeriesAnswer) => boolean,
  ms = 10_000,
): Promise<SeriesAnswer> {
  const end = Date.now() + ms;
  let last: SeriesAnswer | null = null;
  while (Date.now() < end) {
    last = await getJson<SeriesAnswer>(
      server.base,
      `/api/sensors/series?${new URLSearchParams({ filter, range: 'live' }).toString()}`,
      cookie,
    );
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`series for ${filter} never matched; last: ${JSON.stringify(last)}`);
}
