// Medians, ratios and the Markdown report of the chat fan-out benchmark.
import { fmt, median } from './measure.mjs';

const METRICS = [
  'opened',
  'deliveryPct',
  'throughput',
  'latencyP50Ms',
  'latencyP99Ms',
  'serverCpuPct',
  'cpuUsPerDelivery',
  'memPerConnKB',
  'rssLoadedMB',
  'genCpuPct',
  'otherCpuPct',
];

/** Medians per contender over the rounds, Signalboard ÷ minimal ratios, and the targets. */
export function summarize(runs, opts) {
  const contenders = {};
  for (const name of opts.contenders) {
    const mine = runs.filter((r) => r.contender === name);
    if (mine.length === 0) continue;
    const m = Object.fromEntries(METRICS.map((k) => [k, median(mine.map((r) => r[k]))]));
    m.minDeliveryPct = Math.min(...mine.map((r) => r.deliveryPct));
    m.rounds = mine.length;
    m.flags = [...new Set(mine.flatMap((r) => r.flags ?? []))];
    contenders[name] = m;
  }
  const sb = contenders.signalboard;
  const mn = contenders.minimal;
  const ratio = (k) => (sb && mn && mn[k] ? sb[k] / mn[k] : null);
  const ratios =
    sb && mn
      ? {
          throughput: ratio('throughput'),
          latencyP50Ms: ratio('latencyP50Ms'),
          latencyP99Ms: ratio('latencyP99Ms'),
          cpuUsPerDelivery: ratio('cpuUsPerDelivery'),
          memPerConnKB: ratio('memPerConnKB'),
        }
      : null;
  const target = sb
    ? {
        throughputAtLeast0_8: ratios ? ratios.throughput >= 0.8 : null,
        p99Under100ms: sb.latencyP99Ms !== null && sb.latencyP99Ms < 100,
        allDelivered: sb.minDeliveryPct >= 100 && sb.opened >= opts.clients,
      }
    : null;
  if (target) target.met = Object.values(target).every((v) => v !== false);
  return { contenders, ratios, target };
}

export function markdown(summary, runs, opts, meta) {
  const mark = (ok) => (ok ? '✓' : '✗');
  const lines = [
    '# Chat fan-out: Signalboard /ws/chat vs a minimal ws broadcast server',
    '',
    `${meta.startedAt} · ${meta.cpus} × ${meta.cpuModel} · Node ${meta.node} · tree ${meta.git ?? '?'} · ` +
      `one channel, ${opts.clients} receiving clients, ${opts.rate} messages/s from ${opts.senders} senders ` +
      `(100-character text; ${runs[0]?.frameBytes ?? '?'}-byte frame delivered) · ${opts.seconds} s window after ${opts.warmup} s warm-up · ` +
      `${opts.rounds} round(s), contenders interleaved · ${opts.workers} load-generator processes on raw sockets with TCP_NODELAY; ` +
      `latency on ${opts['probe-pct']} % of the clients (read at once), delivery counted on all · ` +
      (opts.serverCpus
        ? `server pinned to CPU ${opts.serverCpus}, generator to CPU ${opts.generatorCpus}.`
        : 'no CPU pinning.'),
    '',
    'Medians over rounds. Ratio = Signalboard ÷ minimal.',
    '',
    '| server | opened | delivery % (min) | deliveries/s | p50 ms | p99 ms | server CPU % | CPU µs/delivery | mem/conn KB | RSS MB | generator CPU % | other CPU % | flags |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const [name, m] of Object.entries(summary.contenders)) {
    lines.push(
      `| ${name} | ${fmt(m.opened, 0)} | ${fmt(m.deliveryPct, 2)} (${fmt(m.minDeliveryPct, 2)}) | ${fmt(m.throughput, 0)} | ${fmt(m.latencyP50Ms)} | ${fmt(m.latencyP99Ms)} | ${fmt(m.serverCpuPct)} | ${fmt(m.cpuUsPerDelivery, 2)} | ${fmt(m.memPerConnKB, 1)} | ${fmt(m.rssLoadedMB, 0)} | ${fmt(m.genCpuPct)} | ${fmt(m.otherCpuPct)} | ${m.flags.join(', ')} |`,
    );
  }
  const r = summary.ratios;
  const t = summary.target;
  if (r && t) {
    lines.push(
      `| **ratio** | | | ${fmt(r.throughput, 2)}× ${mark(t.throughputAtLeast0_8)} [≥0.8] | ${fmt(r.latencyP50Ms, 2)}× | ${fmt(r.latencyP99Ms, 2)}× | | ${fmt(r.cpuUsPerDelivery, 2)}× | ${fmt(r.memPerConnKB, 2)}× | | | | |`,
    );
  }
  if (t) {
    lines.push(
      '',
      `Targets: throughput ≥ 0.8× minimal ${mark(t.throughputAtLeast0_8 !== false)}, Signalboard p99 < 100 ms ${mark(t.p99Under100ms)}, every message to every client ${mark(t.allDelivered)} → **${t.met ? 'met' : 'missed'}**.`,
    );
  }
  lines.push('', 'Every run (fresh server process each):', '');
  lines.push(
    '| round | server | opened | delivery % | full clients | deliveries/s | p50 | p99 | max ms | server CPU % | µs/delivery | mem/conn KB | RSS idle→loaded MB | gen CPU % | other CPU % | refused sends | flags |',
  );
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|');
  for (const x of runs) {
    lines.push(
      `| ${x.round + 1} | ${x.contender} | ${x.opened} | ${fmt(x.deliveryPct, 2)} | ${x.fullClients} | ${fmt(x.throughput, 0)} | ${fmt(x.latencyP50Ms)} | ${fmt(x.latencyP99Ms)} | ${fmt(x.latencyMaxMs)} | ${fmt(x.serverCpuPct)} | ${fmt(x.cpuUsPerDelivery, 2)} | ${fmt(x.memPerConnKB, 1)} | ${fmt(x.rssIdleMB, 0)}→${fmt(x.rssLoadedMB, 0)} | ${fmt(x.genCpuPct)} | ${fmt(x.otherCpuPct)} | ${JSON.stringify(x.refusals)} | ${(x.flags ?? []).join(', ')} |`,
    );
  }
  lines.push(
    '',
    "Notes: latency = receive time − the sender's wall clock written into the message (same machine, sub-ms). " +
      "Throughput = the window's messages delivered to the receiving clients ÷ the time from the first send to the " +
      'last delivery (at least the send window): a server that keeps up delivers rate × clients per second, one that ' +
      'falls behind less. CPU % and µs/delivery = user+system of the server process from the first send to the last ' +
      'delivery (100 % = one core). mem/conn = (median RSS in the window − idle RSS) ÷ ' +
      'clients. Generator CPU includes the driver (senders). Other CPU = the rest of the machine (other processes). ' +
      'Flags: generator-bound = a load worker used ≥ 90 % of a core; machine-saturated = every core ≥ 95 % busy; ' +
      'server-saturated = server ≥ 95 % of a core; noisy = other processes used ≥ 15 % of a core. Figures from flagged ' +
      'runs say more about the machine than about the servers.',
  );
  return `${lines.join('\n')}\n`;
}
