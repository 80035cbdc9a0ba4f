import type { Env } from '../lib/env';
import { getBus } from '../lib/server/bus';
import { getCluster } from '../lib/server/scale/cluster';
import { readDevicesFile, seedDevicesFile } from '../lib/server/devices/devices-file';
import { sensorsSnapshot } from '../lib/server/sensors/overview';
import { pruneSensorData } from '../lib/server/sensors/retention';
import { sensorsRuntime, type BrokerListener } from '../lib/server/sensors/runtime';
import type { Service } from '../lib/server/services';
import type { UpgradeRouter } from '../lib/server/upgrade-router';
import { getSseHub } from '../lib/server/sse';
import { getDb } from '../lib/server/store';
import { MqttBroker } from './mqtt-broker';
import { bridgeDeviceChanges } from './mqtt-cluster';
import { redisMqttParts } from './mqtt-redis';
import { listenTcp, listenTls, readTlsFiles, type Listening } from './mqtt-listeners';
import { mqttUpgradeHandler } from './mqtt-websocket';

let broker: MqttBroker | null = null;
let listeners: Listening[] = [];
let websocket: ReturnType<typeof mqttUpgradeHandler> | null = null;
let timers: NodeJS.Timeout[] = [];
let stopDeviceBridge: (() => void) | null = null;
let stopped = false;
const GONE_SWEEP_MS = 10_000;

/** The ids of the live instances, or null when Redis cannot say now. */
async function liveInstanceIds(): Promise<string[] | null> {
  try {
    return (await getCluster()?.liveInstances())?.map((i) => i.id) ?? null;
  } catch {
    return null;
  }
}

async function forgetGoneInstances(current: MqttBroker): Promise<void> {
  const live = await liveInstanceIds();
  // Without an answer from Redis nobody is known dead: nothing changes.
  if (!live || live.length === 0) return;
  try {
    current.ingest.tracker.forgetInstancesExcept(live);
  } catch (error) {
    console.error('[mqtt] marking the devices of stopped instances offline failed:', error);
  }
}

function prune(): void {
  try {
    const removed = pruneSensorData(getDb());
    if (removed.chunks || removed.minutes || removed.hours) {
      console.log(
        `[sensors] retention removed ${removed.chunks} raw chunks, ${removed.minutes} minute and ${removed.hours} hour rollups`,
      );
    }
  } catch (error) {
    console.error('[sensors] retention failed:', error);
  }
}

/**
 * The embedded MQTT broker and the sensor pipeline: devices from DEVICES_FILE, then the broker on
 * MQTT_PORT (TCP), MQTT_TLS_PORT (when MQTT_TLS_CERT and MQTT_TLS_KEY are set) and `/mqtt` on the
 * web port (WebSocket). A bad devices file, certificate or busy port stops the start with a message
 * naming the variable.
 */
export const mqttService: Service = {
  name: 'mqtt broker',
  async start({ env, upgrades }) {
    stopped = false;
    const runtime = sensorsRuntime();
    runtime.broker = { ...runtime.broker, state: 'starting', error: null };
    const db = getDb();
    const tlsFiles = readTlsFiles(env.MQTT_TLS_CERT, env.MQTT_TLS_KEY);
    if (env.DEVICES_FILE) {
      const entries = readDevicesFile(env.DEVICES_FILE);
      const seeded = await seedDevicesFile(db, entries);
      console.log(
        `[mqtt] DEVICES_FILE: ${entries.length} devices (${seeded.created} new, ${seeded.updated} changed)`,
      );
      if (seeded.revoked.length > 0)
        console.warn(
          `[mqtt] DEVICES_FILE: ${seeded.revoked.join(', ')} stay revoked (an admin revoked that password; put a new one in the file to bring a device back)`,
        );
    }
    const cluster = getCluster();
    if (cluster && !cluster.health().ok) {
      // The broker's state lives in Redis: it starts once Redis answers; /api/ready says not ready till then.
      console.error('[mqtt] waiting for Redis before starting the broker');
      void startWhenRedisIs(() => startBroker(env, upgrades, tlsFiles));
      return;
    }
    await startBroker(env, upgrades, tlsFiles);
  },
  async stop() {
    stopped = true;
    const runtime = sensorsRuntime();
    runtime.broker = { ...runtime.broker, state: 'stopping' };
    for (const timer of timers) clearInterval(timer);
    timers = [];
    stopDeviceBridge?.();
    stopDeviceBridge = null;
    websocket?.close();
    websocket = null;
    // Stop accepting first; a server's close() waits for its connections, which the broker closes.
    const closing = listeners.map((l) => l.close());
    listeners = [];
    await broker?.close();
    await Promise.all(closing);
    broker = null;
    runtime.ingest = null;
    runtime.broker = { ...runtime.broker, state: 'down', clients: 0 };
  },
};

async function startWhenRedisIs(start: () => Promise<void>): Promise<void> {
  while (!stopped) {
    if (getCluster()?.health().ok) {
      try {
        return await start();
      } catch (error) {
        console.error('[mqtt] starting the broker failed (retrying):', error);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function startBroker(
  env: Env,
  upgrades: UpgradeRouter,
  tlsFiles: ReturnType<typeof readTlsFiles>,
): Promise<void> {
  const runtime = sensorsRuntime();
  const db = getDb();
  const cluster = getCluster();
  // Several instances: one broker across them, through Redis (routing, retained, sessions).
  const redis = env.REDIS_URL ? redisMqttParts(env.REDIS_URL, 1_000) : undefined;
  const live = cluster ? await liveInstanceIds() : null;
  try {
    broker = await MqttBroker.create(db, getBus(), {
      redis,
      ingest: {
        tracker: { cluster: cluster ? { instanceId: cluster.instanceId, live: live ?? [] } : null },
      },
    });
  } catch (error) {
    await redis?.close();
    throw error;
  }
  const shown: BrokerListener[] = [];
  try {
    const tcp = await listenTcp(broker, env.MQTT_PORT, env.HOST);
    listeners.push(tcp);
    shown.push({ transport: 'tcp', address: `mqtt://:${tcp.port}`, port: tcp.port });
    if (tlsFiles) {
      const secure = await listenTls(broker, env.MQTT_TLS_PORT, env.HOST, tlsFiles);
      listeners.push(secure);
      shown.push({ transport: 'tls', address: `mqtts://:${secure.port}`, port: secure.port });
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    listeners = [];
    await broker.close();
    broker = null;
    runtime.broker = { ...runtime.broker, state: 'down', error: (error as Error).message };
    throw error;
  }
  websocket = mqttUpgradeHandler(broker);
  upgrades.add('/mqtt', websocket.handle);
  shown.push({ transport: 'ws', address: '/mqtt', port: null });

  const current = broker;
  runtime.ingest = current.ingest;
  runtime.broker = { state: 'up', listeners: shown, clients: 0, startedAt: Date.now(), error: null };
  getSseHub().setSnapshot('sensors', () => sensorsSnapshot(db));
  timers = [
    setInterval(() => (runtime.broker = { ...runtime.broker, clients: current.clients }), 2_000),
    setInterval(prune, 3_600_000),
  ];
  // Several instances: the devices of an instance that died go offline within seconds.
  if (cluster) {
    timers.push(setInterval(() => void forgetGoneInstances(current), GONE_SWEEP_MS));
    stopDeviceBridge = bridgeDeviceChanges(current, cluster);
  }
  for (const timer of timers) timer.unref();
  prune();
  console.log(`[mqtt] broker listening: ${shown.map((l) => l.address).join(', ')}`);
}
