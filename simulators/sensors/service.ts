/**
 * The sensor simulators: while SIMULATORS=on, a modest fleet (12 devices over three sites, a reading
 * every 5 s) publishes to the embedded broker over real MQTT connections with its own device
 * credentials, so the sensors page shows what a live fleet produces: daily cycles, noise, spikes,
 * devices going quiet, dropping off (last will) and coming back.
 */
import { createDevice } from '../../lib/server/devices/credentials';
import type { Service } from '../../lib/server/services';
import { getDb } from '../../lib/server/store';
import { buildFleet, type FleetOptions } from './fleet';
import { DEFAULT_BEHAVIOUR, SimulatedPublisher, type Behaviour, type PublisherStats } from './publisher';

export interface SensorSimulatorOptions {
  fleet?: Partial<FleetOptions>;
  behaviour?: Partial<Behaviour>;
}

const LOG_EVERY_MS = 60_000;

let publishers: SimulatedPublisher[] = [];
let logTimer: NodeJS.Timeout | null = null;

export function emptyStats(): PublisherStats {
  return { messages: 0, readings: 0, connects: 0, drops: 0, errors: 0 };
}

/** Starts a fleet against `url`, creating (or re-keying) its device credentials in the store first. */
export async function startFleet(
  url: string,
  options: SensorSimulatorOptions = {},
): Promise<{ publishers: SimulatedPublisher[]; stats: PublisherStats }> {
  const db = getDb();
  const stats = emptyStats();
  const behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const fleet = buildFleet(options.fleet);
  // New passwords on every start: they are only ever held in this process's memory.
  const passwords = await Promise.all(
    fleet.map((device) =>
      createDevice(db, { id: device.id, topicPrefix: device.topicPrefix, source: 'simulator' }),
    ),
  );
  const started = fleet.map(
    (device, i) => new SimulatedPublisher(device, url, passwords[i]!, stats, behaviour),
  );
  for (const publisher of started) publisher.start();
  return { publishers: started, stats };
}

export function createSensorSimulatorService(options: SensorSimulatorOptions = {}): Service {
  return {
    name: 'sensor simulators',
    enabled: (env) => env.SIMULATORS === 'on',
    async start({ env }) {
      const { publishers: started, stats } = await startFleet(`mqtt://127.0.0.1:${env.MQTT_PORT}`, options);
      publishers = started;
      let last = { ...stats };
      logTimer = setInterval(() => {
        const rate = ((stats.readings - last.readings) / (LOG_EVERY_MS / 1000)).toFixed(1);
        console.log(
          `[sensors-sim] ${publishers.length} devices, ${rate} readings/s, ${stats.drops} dropped connections, ${stats.errors} errors`,
        );
        last = { ...stats };
      }, LOG_EVERY_MS);
      logTimer.unref();
      console.log(
        `[sensors-sim] ${publishers.length} simulated devices publishing to mqtt://127.0.0.1:${env.MQTT_PORT}`,
      );
    },
    async stop() {
      if (logTimer) clearInterval(logTimer);
      logTimer = null;
      await Promise.all(publishers.map((p) => p.stop()));
      publishers = [];
    },
  };
}

export const sensorSimulatorService = createSensorSimulatorService();
