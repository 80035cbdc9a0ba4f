// The Markdown report of bench/mqtt-ingest: medians per scenario and broker, ratios, every run.
import { median } from './proc.mjs';

export const fmt = (v, d = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '—';

export function report(runs, meta, opts, SCENARIOS) {
  const lines = [
    `# MQTT ingest: Signalboard (aedes + ingest + SQLite) vs Mosquitto ${meta.mosquitto}`,
    '',
    meta.header,
    '',
    'Medians over rounds. msgs/s = messages delivered to subscribers per second (fan-out: deliveries), closed loop. p50/p99 = publish → subscriber latency at a fixed rate below saturation (the rate column). broker µs/msg = broker CPU per delivered message (less sensitive to a busy machine than msgs/s). Ratio = Signalboard ÷ Mosquitto (target in brackets).',
    '',
    '| scenario | broker | msgs/s | latency at (msgs/s) | p50 ms | p99 ms | stored readings/s | broker CPU % | broker µs/msg | generator CPU % | broker RSS MB (idle→max) | flags |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const s of opts.scenarios) {
    const by = {};
    for (const c of opts.contenders) {
      const rs = runs.filter((r) => r.scenario === s && r.contender === c);
      if (rs.length === 0) continue;
      const m = (k) => median(rs.map((r) => r[k]));
      by[c] = m('deliveredPerSecond');
      lines.push(
        `| ${SCENARIOS[s].label} | ${c} | ${fmt(m('deliveredPerSecond'))} | ${fmt(m('latencyRate'))} | ${fmt(m('p50'), 2)} | ${fmt(m('p99'), 2)} | ${c === 'signalboard' ? fmt(m('storedReadingsPerSecond')) : '—'} | ${fmt(m('brokerCpuPct'))} | ${fmt(m('brokerUsPerMsg'), 1)} | ${fmt(m('generatorCpuPct'))} | ${fmt(m('idleRssMb'))}→${fmt(m('maxRssMb'))} | ${[...new Set(rs.flatMap((r) => r.flags))].join(', ')} |`,
      );
    }
    if (by.signalboard && by.mosquitto) {
      const ratio = by.signalboard / by.mosquitto;
      const t = SCENARIOS[s].target;
      lines.push(
        `| ${SCENARIOS[s].label} | **ratio** | ${fmt(ratio, 2)}×${t ? ` ${ratio >= t ? '✓' : '✗'} [≥${t}]` : ''} | | | | | | | | | |`,
      );
    }
  }
  lines.push(
    '',
    'Every run (fresh broker each, contenders alternating order per round):',
    '',
    '| scenario | round | broker | msgs/s | published/s | p50 | p99 | closed-loop p50 | stored readings/s | broker CPU % | µs/msg | gen CPU % | machine busy % | RSS max MB | flags |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const r of runs)
    lines.push(
      `| ${r.scenario} | ${r.round} | ${r.contender} | ${fmt(r.deliveredPerSecond)} | ${fmt(r.publishedPerSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.closedLoopP50 ?? NaN, 1)} | ${fmt(r.storedReadingsPerSecond ?? NaN)} | ${fmt(r.brokerCpuPct)} | ${fmt(r.brokerUsPerMsg, 1)} | ${fmt(r.generatorCpuPct)} | ${fmt(r.machineBusyPct)} | ${fmt(r.maxRssMb)} | ${r.flags.join(', ')} |`,
    );
  lines.push('', meta.notes, '');
  return lines.join('\n');
}
