/**
 * Runs a simulated sensor fleet against any Signalboard (or any MQTT broker), from the command line:
 *
 *   node dist/sensors-cli.js --devices 200 --interval 1 --api http://localhost:3000 --api-key sbk_…
 *   node dist/sensors-cli.js --devices 50 --devices-out fleet.json   # then DEVICES_FILE=fleet.json
 *   node dist/sensors-cli.js --devices-file fleet.json --url mqtt://ops.example:1883 --seconds 600
 *
 * Credentials come from the admin API (`--api` + `--api-key` of an admin key: each device is created,
 * or its password rotated), or from a DEVICES_FILE-style list. Counts and rates print every 5 s.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { buildFleet, type SimulatedDevice } from './sensors/fleet';
import { DEFAULT_BEHAVIOUR, SimulatedPublisher, type PublisherStats } from './sensors/publisher';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    devices: { type: 'string', default: '12' },
    sites: { type: 'string', default: '3' },
    interval: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '0' },
    api: { type: 'string' },
    'api-key': { type: 'string' },
    'devices-file': { type: 'string' },
    'devices-out': { type: 'string' },
    'id-prefix': { type: 'string', default: 'cli' },
    calm: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function usage(): never {
  console.log(`usage: sensors-cli [--url mqtt://HOST:1883] [--devices N] [--sites N] [--interval SECONDS] [--seconds N]
  credentials: --api http://HOST:3000 --api-key <admin key>   (create or rotate each device)
           or: --devices-file FILE                             (a DEVICES_FILE list)
    or write: --devices-out FILE                               (write a DEVICES_FILE for the fleet and exit)
  --id-prefix P (default cli)  --calm (no dropouts, reconnects or spikes)`);
  process.exit(0);
}

function number(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number of at least ${min}`);
  return n;
}

async function credentialsFromApi(
  fleet: SimulatedDevice[],
  api: string,
  key: string,
): Promise<Map<string, string>> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const passwords = new Map<string, string>();
  for (const device of fleet) {
    let res = await fetch(`${api}/api/devices`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: device.id, topicPrefix: device.topicPrefix }),
    });
    if (res.status === 409)
      res = await fetch(`${api}/api/devices/${encodeURIComponent(device.id)}/rotate`, {
        method: 'POST',
        headers,
      });
    if (!res.ok) throw new Error(`creating ${device.id}: ${res.status} ${await res.text()}`);
    passwords.set(device.id, ((await res.json()) as { password: string }).password);
  }
  return passwords;
}

function credentialsFromFile(file: string): { fleet: SimulatedDevice[]; passwords: Map<string, string> } {
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    id: string;
    password: string;
    topicPrefix: string;
  }[];
  const template = buildFleet({ devices: list.length });
  const fleet = list.map((entry, i) => ({ ...template[i]!, id: entry.id, topicPrefix: entry.topicPrefix }));
  return { fleet, passwords: new Map(list.map((e) => [e.id, e.password])) };
}

async function main(): Promise<void> {
  if (args.help) usage();
  const interval = number('interval', args.interval, 0.05);
  let fleet = buildFleet({
    devices: number('devices', args.devices, 1),
    sites: number('sites', args.sites, 1),
    intervalSeconds: interval,
    idPrefix: args['id-prefix'],
  });
  let passwords: Map<string, string>;
  if (args['devices-out']) {
    const list = fleet.map((d) => ({
      id: d.id,
      password: randomBytes(18).toString('base64url'),
      topicPrefix: d.topicPrefix,
    }));
    fs.writeFileSync(args['devices-out'], `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
    console.log(
      `wrote ${list.length} devices to ${args['devices-out']}; start Signalboard with DEVICES_FILE=${args['devices-out']}`,
    );
    return;
  } else if (args['devices-file']) {
    ({ fleet, passwords } = credentialsFromFile(args['devices-file']));
    fleet = fleet.map((d) => ({ ...d, intervalSeconds: interval }));
  } else if (args.api && args['api-key']) {
    passwords = await credentialsFromApi(fleet, args.api.replace(/\/$/, ''), args['api-key']);
  } else {
    throw new Error('give --api and --api-key, or --devices-file, or --devices-out (see --help)');
  }

  const stats: PublisherStats = { messages: 0, readings: 0, connects: 0, drops: 0, errors: 0 };
  const behaviour = args.calm ? { dropoutChance: 0, reconnectChance: 0, spikeChance: 0 } : DEFAULT_BEHAVIOUR;
  const publishers = fleet.map(
    (d) => new SimulatedPublisher(d, args.url, passwords.get(d.id) ?? '', stats, behaviour),
  );
  for (const p of publishers) p.start();
  console.log(`${publishers.length} devices → ${args.url}, a reading every ${interval} s each`);

  const started = Date.now();
  let last = { ...stats, at: started };
  const report = setInterval(() => {
    const now = Date.now();
    const seconds = (now - last.at) / 1000;
    console.log(
      `${Math.round((now - started) / 1000)} s: ${stats.messages} messages (${((stats.messages - last.messages) / seconds).toFixed(0)}/s), ` +
        `${stats.readings} readings (${((stats.readings - last.readings) / seconds).toFixed(0)}/s), ` +
        `${stats.connects} connects, ${stats.drops} dropped, ${stats.errors} errors`,
    );
    last = { ...stats, at: now };
  }, 5_000);

  const stop = async () => {
    clearInterval(report);
    await Promise.all(publishers.map((p) => p.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const seconds = number('seconds', args.seconds, 0);
  if (seconds > 0) setTimeout(() => void stop(), seconds * 1000);
}

main().catch((error: unknown) => {
  console.error(`sensors-cli: ${(error as Error).message}`);
  process.exit(1);
});
