// The sensor ingest alone, without the network: how many readings a second the parse → buffer →
// SQLite path sustains on this machine (wall clock and CPU time), with the real store and schema.
//
//   node bench/mqtt-ingest/ingest-only.mjs [--messages 500000] [--devices 100] [--fields 2]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '500000' },
    devices: { type: 'string', default: '100' },
    fields: { type: 'string', default: '2' },
  },
});
const messages = Number(values.messages);
const devices = Number(values.devices);
const fields = Number(values.fields);

// Bundle the TypeScript pipeline once (as scripts/build-server.mjs does for the server).
const out = mkdtempSync(path.join(os.tmpdir(), 'sb-ingest-bench-'));
const entry = path.join(out, 'entry.ts');
writeFileSync(
  entry,
  `export { SensorIngest } from ${JSON.stringify(path.join(root, 'lib/server/sensors/ingest.ts'))};
   export { EventBus } from ${JSON.stringify(path.join(root, 'lib/server/bus.ts'))};
   export { openDatabase } from ${JSON.stringify(path.join(root, 'lib/server/store/db.ts'))};`,
);
// Inside the project, so that the bundle's package imports resolve from its node_modules.
const bundle = path.join(here, `.ingest-only-${process.pid}.mjs`);
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  alias: { 'server-only': path.join(root, 'scripts/empty-module.mjs') },
  logLevel: 'warning',
});
const { SensorIngest, EventBus, openDatabase } = await import(pathToFileURL(bundle).href);
rmSync(bundle, { force: true });

const db = openDatabase(path.join(out, 'data'));
const ingest = new SensorIngest(db, new EventBus(db));
const names = ['temperature', 'humidity', 'co2', 'pressure', 'light', 'noise', 'pm25', 'voc'].slice(
  0,
  fields,
);
const payloads = Array.from({ length: 64 }, (_, i) =>
  Buffer.from(JSON.stringify(Object.fromEntries(names.map((n, k) => [n, 20 + ((i * 7 + k) % 50) / 10])))),
);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < messages; i++) {
  const d = i % devices;
  ingest.accept(`dev-${d}`, `sensors/bench/d${d}`, `sensors/bench/d${d}`, payloads[i % 64]);
}
ingest.flush();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const readings = ingest.readings;
const stored = db.prepare('SELECT SUM(count) FROM sensor_chunks').pluck().get();
ingest.stop();
db.close();
rmSync(out, { recursive: true, force: true });
console.log(
  `${messages.toLocaleString('en-US')} messages × ${fields} fields from ${devices} devices: ` +
    `${readings.toLocaleString('en-US')} readings (${Number(stored).toLocaleString('en-US')} in sensor_chunks) in ${seconds.toFixed(2)} s wall, ` +
    `${cpuSeconds.toFixed(2)} s CPU → ${Math.round(readings / seconds).toLocaleString('en-US')} readings/s wall, ` +
    `${Math.round(readings / cpuSeconds).toLocaleString('en-US')} readings/s per CPU second; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
