/**
 * The flaky-services simulator (SIMULATORS=on): a few services on loopback that misbehave now and then
 * — an HTTP API that gets slow, fails or goes away, an HTTPS service whose certificate expires in a few
 * days, a TCP port that flaps, a DNS server whose answer changes, and a push heartbeat that sometimes
 * stops — plus demo monitors for them when there are no monitors yet, so every monitor kind shows real
 * changes in the demo.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Service } from '../lib/server/services';
import { parseDefinition } from '../lib/server/monitors/definition';
import { upsertByName } from '../lib/server/monitors/manage';
import { countMonitors, getMonitorByName, listMonitors } from '../lib/server/monitors/store';
import { getDb } from '../lib/server/store';
import { DEMO_HOST, demoMonitors, type DemoPorts } from './uptime/demo-monitors';
import { startDnsTarget, type DnsTarget } from './uptime/dns-server';
import { startFlakyTarget, type FlakyTarget, type TargetMode } from './uptime/flaky-http';
import { startTcpTarget, type TcpTarget } from './uptime/tcp-flapper';
import { selfSignedCertificate } from './uptime/tls-cert';

/** Fixed high ports, so demo monitors stay valid across restarts; a busy one falls back to a free port. */
const PREFERRED: DemoPorts = { shop: 47801, payments: 47802, cache: 47803, dns: 47804 };
const DAY_MS = 24 * 3600 * 1000;

interface Running {
  shop: FlakyTarget;
  payments: FlakyTarget;
  cache: TcpTarget;
  dns: DnsTarget;
  abort: AbortController;
}

let running: Running | null = null;

async function onPreferredPort<T>(start: (port?: number) => Promise<T>, port: number): Promise<T> {
  try {
    return await start(port);
  } catch {
    return start();
  }
}

/** Picks the next mode of a flaky target: mostly healthy, sometimes slow, failing or gone. */
function nextMode(random: () => number): TargetMode {
  const r = random();
  if (r < 0.65) return 'ok';
  if (r < 0.8) return 'slow';
  if (r < 0.92) return 'error';
  return 'down';
}

async function chaos(r: Running, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const random = Math.random;
  let beating = true;
  let tick = 0;
  while (!signal.aborted) {
    await sleep(20_000 + random() * 25_000, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    tick++;
    const shopMode = nextMode(random);
    await r.shop.setMode(shopMode);
    if (random() < 0.3) await r.payments.setMode(random() < 0.5 ? 'ok' : 'slow');
    await r.cache.setUp(random() > 0.25);
    r.dns.records.set(DEMO_HOST, [random() < 0.85 ? '10.0.0.7' : '10.0.0.8']);
    if (tick % 3 === 0) beating = random() > 0.35;
    heartbeat.on = beating;
    log(`[simulator] flaky services: shop ${shopMode}, cache ${r.cache.up ? 'up' : 'down'}, heartbeat ${beating ? 'on' : 'stopped'}`);
  }
}

const heartbeat = { on: true };

/** Beats the demo push monitor every 10 s while `heartbeat.on`, like a cron job would. */
async function beat(port: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    await sleep(10_000, undefined, { signal }).catch(() => undefined);
    if (signal.aborted || !heartbeat.on) continue;
    const monitor = getMonitorByName(getDb(), 'Nightly backup (push)');
    if (!monitor?.pushToken) continue;
    await fetch(`http://127.0.0.1:${port}/api/push/${monitor.pushToken}?status=up&msg=backup%20ok`, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) }).catch(() => undefined);
  }
}

/** Registers the demo monitors when there are none; re-points existing simulator monitors at new ports. */
function registerDemoMonitors(ports: DemoPorts, log: (line: string) => void): void {
  const db = getDb();
  const fresh = countMonitors(db) === 0;
  const ours = new Set(listMonitors(db).filter((m) => m.source === 'simulator').map((m) => m.name));
  let count = 0;
  for (const input of demoMonitors(ports)) {
    if (!fresh && !ours.has(input.name)) continue;
    const parsed = parseDefinition(input);
    if (!parsed.ok) throw new Error(`demo monitor ${input.name}: ${parsed.error}`);
    upsertByName(db, parsed.definition, 'simulator');
    count++;
  }
  if (count) log(`[simulator] ${fresh ? 'registered' : 'updated'} ${count} demo monitors`);
}

export const flakyServicesSimulator: Service = {
  name: 'flaky-services simulator',
  enabled: (env) => env.SIMULATORS === 'on',
  async start({ env }) {
    const log = (line: string) => console.log(line);
    const tls = await selfSignedCertificate({ expiresInMs: 5 * DAY_MS + 3600_000 });
    const shop = await onPreferredPort((port) => startFlakyTarget({ port }), PREFERRED.shop);
    const payments = await onPreferredPort((port) => startFlakyTarget({ port, tls }), PREFERRED.payments);
    const cache = await onPreferredPort((port) => startTcpTarget({ port }), PREFERRED.cache);
    const dns = await onPreferredPort((port) => startDnsTarget({ port, records: { [DEMO_HOST]: ['10.0.0.7'] } }), PREFERRED.dns);
    shop.slowMs = 2_500;
    payments.slowMs = 1_200;
    const abort = new AbortController();
    running = { shop, payments, cache, dns, abort };
    registerDemoMonitors({ shop: shop.port, payments: payments.port, cache: cache.port, dns: dns.port }, log);
    void chaos(running, abort.signal, log);
    void beat(env.PORT, abort.signal);
  },
  async stop() {
    if (!running) return;
    running.abort.abort();
    await Promise.all([running.shop.close(), running.payments.close(), running.cache.close(), running.dns.close()]);
    running = null;
  },
};
