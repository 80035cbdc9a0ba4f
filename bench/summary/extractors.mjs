// Reads each benchmark's own results file (bench/results/<name>.json; every benchmark writes its own
// shape) into rows of one table: a figure, Signalboard's value, its peer (the other contender, or the
// issue's target where a benchmark has no peer), the ratio and whether the target is met.
//
// A benchmark may also write a top-level `figures` array of such rows itself (see bench/README.md);
// it is used as is, so a new benchmark needs no extractor here.

/**
 * @typedef {object} Row
 * @property {string} figure   what is measured, with its scenario ("1,000 clients: p99 ms")
 * @property {number|null} value      Signalboard's figure
 * @property {string} [unit]
 * @property {string|null} peer       the contender or bound it is compared with
 * @property {number|null} peerValue
 * @property {number|null} ratio      value ÷ peerValue
 * @property {string|null} target     the goal, in words ("≥ 0.8×", "< 50 ms")
 * @property {boolean|null} met
 * @property {string[]} [flags]       the benchmark's warnings (machine-saturated, …)
 */

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const div = (a, b) => (num(a) !== null && num(b) ? a / b : null);

export function median(values) {
  const sorted = values
    .map(num)
    .filter((v) => v !== null)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A row against another contender. */
function versus(figure, value, peer, peerValue, extra = {}) {
  return {
    figure,
    value: num(value),
    peer,
    peerValue: num(peerValue),
    ratio: div(value, peerValue),
    target: null,
    met: null,
    ...extra,
  };
}

/** A row against a bound (no peer contender): the ratio is value ÷ bound. */
function bound(figure, value, limit, { below = true, unit, flags } = {}) {
  const v = num(value);
  return {
    figure,
    value: v,
    unit,
    peer: 'target',
    peerValue: limit,
    ratio: div(v, limit),
    target: `${below ? '<' : '≥'} ${limit.toLocaleString('en')}${unit ? ` ${unit}` : ''}`,
    met: v === null ? null : below ? v < limit : v >= limit,
    flags,
  };
}

function sseFanout(json) {
  const rows = [];
  for (const level of json.summary ?? []) {
    const sb = level.contenders?.signalboard;
    const mn = level.contenders?.minimal;
    const t = level.target ?? {};
    const at = `${Number(level.level).toLocaleString('en')} clients`;
    const flags = sb?.flags ?? [];
    rows.push(
      versus(`${at}: delivery %`, sb?.deliveryPct, 'minimal node:http', mn?.deliveryPct, {
        target: '100 %',
        met: t.delivery100 ?? null,
        flags,
      }),
    );
    rows.push(
      versus(
        `${at}: server CPU µs/delivery`,
        sb?.cpuUsPerDelivery,
        'minimal node:http',
        mn?.cpuUsPerDelivery,
        { target: '≤ 1.3×', met: t.cpuWithin1_3 ?? null, flags },
      ),
    );
    rows.push(
      versus(`${at}: p99 latency ms`, sb?.latencyP99Ms, 'minimal node:http', mn?.latencyP99Ms, {
        target: '≤ 1.3×',
        met: t.p99Within1_3 ?? null,
        flags,
      }),
    );
    rows.push(
      versus(`${at}: memory per connection KB`, sb?.memPerConnKB, 'minimal node:http', mn?.memPerConnKB, {
        target: '≤ 1.5×',
        met: t.memWithin1_5 ?? null,
        flags,
      }),
    );
  }
  return rows;
}

function chatFanout(json) {
  const sb = json.summary?.contenders?.signalboard;
  const mn = json.summary?.contenders?.minimal;
  const t = json.summary?.target ?? {};
  const flags = sb?.flags ?? [];
  const peer = 'minimal ws';
  return [
    versus('deliveries/s', sb?.throughput, peer, mn?.throughput, {
      target: '≥ 0.8×',
      met: t.throughputAtLeast0_8 ?? null,
      flags,
    }),
    versus('p99 latency ms', sb?.latencyP99Ms, peer, mn?.latencyP99Ms, {
      target: '< 100 ms',
      met: t.p99Under100ms ?? null,
      flags,
    }),
    versus('delivery %', sb?.deliveryPct, peer, mn?.deliveryPct, {
      target: '100 %',
      met: t.allDelivered ?? null,
      flags,
    }),
    versus('server CPU µs/delivery', sb?.cpuUsPerDelivery, peer, mn?.cpuUsPerDelivery, { flags }),
    versus('memory per connection KB', sb?.memPerConnKB, peer, mn?.memPerConnKB, { flags }),
  ];
}

const MQTT_SCENARIOS = {
  qos0: { label: '1 → 1 QoS 0', target: 0.7 },
  qos1: { label: '1 → 1 QoS 1', target: 1.0 },
  fanin: { label: '100 → 1 QoS 0', target: 0.7 },
  fanout: { label: '1 → 100 QoS 0', target: null },
  browser: { label: '≈10k readings/s → SSE', target: null },
};

function mqttIngest(json) {
  const runs = (json.runs ?? []).filter((r) => !r.error);
  const scenarios = [...new Set((json.runs ?? []).map((r) => r.scenario))];
  const rows = [];
  for (const scenario of scenarios) {
    const { label = scenario, target = null } = MQTT_SCENARIOS[scenario] ?? {};
    const of = (contender, key) =>
      median(runs.filter((r) => r.scenario === scenario && r.contender === contender).map((r) => r[key]));
    const flags = [
      ...new Set(
        runs
          .filter((r) => r.scenario === scenario && r.contender === 'signalboard')
          .flatMap((r) => r.flags ?? []),
      ),
    ];
    const hasPeer = runs.some((r) => r.scenario === scenario && r.contender === 'mosquitto');
    const peer = hasPeer ? 'Mosquitto' : null;
    const throughput = versus(
      `${label}: msgs/s`,
      of('signalboard', 'deliveredPerSecond'),
      peer,
      hasPeer ? of('mosquitto', 'deliveredPerSecond') : null,
      { flags },
    );
    if (target !== null && throughput.ratio !== null)
      Object.assign(throughput, { target: `≥ ${target}×`, met: throughput.ratio >= target });
    rows.push(throughput);
    rows.push(
      versus(`${label}: p99 ms`, of('signalboard', 'p99'), peer, hasPeer ? of('mosquitto', 'p99') : null, {
        flags,
      }),
    );
    if (hasPeer)
      rows.push(
        versus(
          `${label}: broker CPU µs/msg`,
          of('signalboard', 'brokerUsPerMsg'),
          peer,
          of('mosquitto', 'brokerUsPerMsg'),
          { flags },
        ),
      );
  }
  return rows;
}

function webtransport(json) {
  const wt = (json.summary ?? []).find((s) => s.transport === 'webtransport');
  const ws = (json.summary ?? []).find((s) => s.transport === 'websocket');
  const limit = json.opts?.['p99-target'] ?? 5;
  const peer = 'WebSocket fallback';
  return [
    versus('round trip p99 ms', wt?.p99, peer, ws?.p99, {
      target: `< ${limit} ms`,
      met: num(wt?.p99) === null ? null : wt.p99 < limit,
    }),
    versus('round trip p50 ms', wt?.p50, peer, ws?.p50),
    versus('samples/s', wt?.samplesPerSecond, peer, ws?.samplesPerSecond),
    versus('loss %', wt?.lossPct, peer, ws?.lossPct, {
      target: 'no loss',
      met: num(wt?.lost) === null ? null : wt.lost === 0,
    }),
    versus('server CPU %', wt?.serverCpu, peer, ws?.serverCpu),
  ];
}

function webhookToBrowser(json) {
  return [
    bound('p99 webhook → browser ms', json.p99, 50, { unit: 'ms' }),
    bound('webhooks/s sustained', json.sustainedPerSecond, Math.round((json.rate ?? 200) * 0.98), {
      below: false,
    }),
    bound('delivery %', json.deliveryPct, 100, { below: false }),
  ];
}

function monitors(json) {
  const runs = json.runs ?? [];
  return [
    bound('check start drift p99 ms', median(runs.map((r) => r.drift?.p99)), 1000, { unit: 'ms' }),
    bound('server CPU % of a core', median(runs.map((r) => r.serverCpuPct)), 25, { unit: '%' }),
    {
      ...bound('CPU ms per check', median(runs.map((r) => r.cpuMsPerCheck)), 1),
      peer: null,
      peerValue: null,
      ratio: null,
      target: null,
      met: null,
    },
  ];
}

function logIngest(json) {
  const rows = [];
  for (const r of json.results ?? []) {
    if (r.error) {
      rows.push({
        figure: `${r.scenario}: failed (${r.error})`,
        value: null,
        peer: null,
        peerValue: null,
        ratio: null,
        target: null,
        met: false,
      });
      continue;
    }
    const flags = r.machineBusy >= 190 ? ['machine-saturated'] : [];
    rows.push(bound(`${r.scenario}: stored lines/s`, r.storedPerSecond, 20_000, { below: false, flags }));
    rows.push(
      bound(`${r.scenario}: SSE lines/s, slowest client`, r.ssePerClientMin, 19_800, { below: false, flags }),
    );
    rows.push(bound(`${r.scenario}: event-loop delay p99 ms`, r.loopP99, 50, { unit: 'ms', flags }));
  }
  return rows;
}

/** Any number under a key named like "ratio" (a benchmark without an extractor or `figures`). */
function ratiosFound(json, prefix = '', rows = [], depth = 0) {
  if (depth > 6 || json === null || typeof json !== 'object') return rows;
  for (const [key, value] of Object.entries(json)) {
    const here = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' && /ratio/i.test(here)) {
      rows.push({
        figure: here,
        value: null,
        peer: null,
        peerValue: null,
        ratio: value,
        target: null,
        met: null,
      });
    } else if (typeof value === 'object') ratiosFound(value, here, rows, depth + 1);
  }
  return rows;
}

export const EXTRACTORS = {
  'sse-fanout': sseFanout,
  'webhook-to-browser': webhookToBrowser,
  monitors,
  'chat-fanout': chatFanout,
  'mqtt-ingest': mqttIngest,
  'log-ingest': logIngest,
  webtransport,
};

/** The rows of one benchmark's results, or an explanation of why there are none. */
export function extract(name, json) {
  if (Array.isArray(json?.figures)) return { rows: json.figures.map(normalise), how: 'figures' };
  const extractor = EXTRACTORS[name];
  if (extractor) return { rows: extractor(json), how: 'extractor' };
  return { rows: ratiosFound(json), how: 'ratios found in the results' };
}

function normalise(row) {
  const value = num(row.value);
  const peerValue = num(row.peerValue);
  return {
    figure: String(row.figure ?? '?'),
    value,
    unit: row.unit,
    peer: row.peer ?? null,
    peerValue,
    ratio: num(row.ratio) ?? div(value, peerValue),
    target: row.target ?? null,
    met: typeof row.met === 'boolean' ? row.met : null,
    flags: Array.isArray(row.flags) ? row.flags.map(String) : [],
  };
}
