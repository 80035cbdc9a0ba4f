// The MQTT load generator of bench/mqtt-ingest: mqtt.js publishers and subscribers (TCP_NODELAY on),
// closed loop with a bounded window of messages in flight, latency from a send timestamp in each
// payload. One JSON argument describes the run; prints WINDOW_START / WINDOW_END and a RESULT line.
//
//   node bench/mqtt-ingest/load.mjs '{"url":"mqtt://127.0.0.1:1883","pubs":1,"subs":1,"qos":0,...}'
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';

const cfg = JSON.parse(process.argv[2]);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A 64-byte JSON reading with the send time (ms, one decimal) as its timestamp. */
function payload(extraFields) {
  const t = now().toFixed(1);
  const body = extraFields
    ? `{"temperature":21.53,"humidity":40.1,"co2":612,"pressure":1013.2,"light":870,"timestamp":${t}}`
    : `{"temperature":21.5,"humidity":40.1,"timestamp":${t}}`;
  return extraFields ? body : `{${' '.repeat(Math.max(0, 64 - body.length))}${body.slice(1)}`;
}

async function connect(auth, i) {
  const client = mqtt.connect(cfg.url, {
    clientId: `bench-${process.pid}-${i}`,
    username: auth?.username,
    password: auth?.password,
    clean: true,
    keepalive: 60,
    reconnectPeriod: 0,
    connectTimeout: 20_000,
  });
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  client.stream.setNoDelay?.(true);
  return client;
}

async function connectAll(n, auth, offset) {
  const clients = [];
  // In batches: a burst of a hundred logins is fine, but keep the accept queue short.
  for (let i = 0; i < n; i += 25) {
    clients.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, (_, k) => connect(auth, offset + i + k)),
      )),
    );
  }
  return clients;
}

const MAX_SAMPLES = 2_000_000;
const latencies = new Float64Array(MAX_SAMPLES);
let samples = 0;
let measuring = false;
let delivered = 0;
let published = 0;

function record(sentAt) {
  if (!measuring) return;
  delivered++;
  if (samples < MAX_SAMPLES) latencies[samples++] = now() - sentAt;
}

function summary() {
  const sorted = latencies.subarray(0, samples).sort();
  const pct = (p) => (samples ? sorted[Math.min(samples - 1, Math.floor((p / 100) * samples))] : NaN);
  return { p50: pct(50), p99: pct(99), samples };
}

function sentAtOf(buf) {
  const m = /"timestamp":([\d.]+)/.exec(buf.toString());
  return m ? Number(m[1]) : NaN;
}

async function scrapeReadings() {
  if (!cfg.metricsUrl) return null;
  return new Promise((resolve) => {
    http
      .get(cfg.metricsUrl, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve(Number(/^signalboard_sensor_readings_total (\S+)/m.exec(text)?.[1] ?? NaN)),
        );
      })
      .on('error', () => resolve(null));
  });
}

/** An SSE client of /api/events?streams=sensors: the browser's view of sensor-reading events. */
function openSse() {
  const url = new URL(cfg.sse.url);
  const req = http.get(url, { headers: { cookie: cfg.sse.cookie, accept: 'text/event-stream' } }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.includes('event: sensor-reading')) continue;
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (data) record(JSON.parse(data).time);
      }
    });
  });
  req.on('error', () => undefined);
  return req;
}

async function main() {
  const subs = cfg.sse ? [] : await connectAll(cfg.subs, cfg.subAuth, 0);
  const received = subs.map(() => 0);
  await Promise.all(subs.map((s) => s.subscribeAsync(cfg.subFilter, { qos: cfg.qos })));
  subs.forEach((s, i) =>
    s.on('message', (_topic, buf) => {
      received[i]++;
      record(sentAtOf(buf));
    }),
  );
  const pubs = await connectAll(cfg.pubs, cfg.pubAuth, 1000);
  const sse = cfg.sse ? openSse() : null;
  const topics = pubs.map((_, i) => `${cfg.topicPrefix}/p${i}`);
  if (sse) await sleep(500);

  let stopped = false;
  let inflightAcks = 0;
  let turn = 0;
  const minReceived = () => (received.length ? Math.min(...received) : published);
  const pump = () => {
    if (stopped) return;
    let budget = 5_000;
    const floor = minReceived();
    while (budget-- > 0 && published - floor < cfg.window && inflightAcks < cfg.window) {
      const i = turn++ % pubs.length;
      const client = pubs[i];
      if (client.stream.writableLength > 256 * 1024) break;
      published++;
      if (cfg.qos > 0) {
        inflightAcks++;
        client.publish(topics[i], payload(false), { qos: cfg.qos }, () => inflightAcks--);
      } else {
        client.publish(topics[i], payload(false), { qos: 0 });
      }
    }
    setImmediate(pump);
  };

  /** Fixed rate (the browser scenario): each publisher sends `perSecond` readings of five fields. */
  const paced = () => {
    const interval = 1000 / cfg.perSecond;
    pubs.forEach((client, i) => {
      const tick = () => {
        if (stopped) return;
        client.publish(topics[i], payload(true), { qos: 0 });
        published++;
        setTimeout(tick, interval);
      };
      setTimeout(tick, Math.random() * interval);
    });
  };

  if (cfg.perSecond) paced();
  else pump();
  await sleep(cfg.warmup * 1000);

  // Throughput: closed loop, as fast as the broker sustains with `window` messages in flight.
  measuring = true;
  const cpu0 = process.cpuUsage();
  const readings0 = await scrapeReadings();
  const published0 = published;
  const t0 = now();
  console.log('WINDOW_START');
  await sleep(cfg.seconds * 1000);
  const t1 = now();
  console.log('WINDOW_END');
  measuring = false;
  const readings1 = await scrapeReadings();
  const cpu = process.cpuUsage(cpu0);
  const seconds = (t1 - t0) / 1000;
  const throughput = { delivered: delivered / seconds, published: (published - published0) / seconds };
  let closedLoop = summary();
  stopped = true;

  // Latency: a fixed rate well below saturation, the same for every broker (paced runs measured above).
  if (cfg.latencyRate && !cfg.perSecond) {
    const drainUntil = Date.now() + 3_000;
    while (published - minReceived() > 0 && Date.now() < drainUntil) await sleep(20);
    samples = 0;
    delivered = 0;
    stopped = false;
    let owed = 0;
    const timer = setInterval(() => {
      owed += (cfg.latencyRate * 5) / 1000;
      for (; owed >= 1; owed--) {
        const i = turn++ % pubs.length;
        published++;
        pubs[i].publish(topics[i], payload(false), { qos: cfg.qos });
      }
    }, 5);
    await sleep(500);
    measuring = true;
    await sleep(cfg.latencySeconds * 1000);
    measuring = false;
    clearInterval(timer);
    stopped = true;
  } else {
    closedLoop = null;
  }
  const latency = summary();

  const result = {
    deliveredPerSecond: throughput.delivered,
    publishedPerSecond: throughput.published,
    p50: latency.p50,
    p99: latency.p99,
    samples: latency.samples,
    latencyRate: cfg.perSecond ? cfg.perSecond * pubs.length : (cfg.latencyRate ?? null),
    closedLoopP50: closedLoop?.p50 ?? null,
    generatorCpuPct: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    storedReadingsPerSecond:
      readings0 !== null && readings1 !== null ? (readings1 - readings0) / seconds : null,
    connected: { pubs: pubs.length, subs: subs.length },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  sse?.destroy();
  for (const c of [...pubs, ...subs]) c.end(true);
  setTimeout(() => process.exit(0), 200);
}

main().catch((error) => {
  console.error(`load: ${error.stack ?? error}`);
  process.exit(1);
});
