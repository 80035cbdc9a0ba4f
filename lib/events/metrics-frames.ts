/**
 * The live metrics wire format: compact binary frames shared by the WebTransport session (samples and
 * pings as HTTP/3 datagrams, the hello and commands on streams) and the WebSocket fallback (one frame
 * per binary message). Isomorphic: the server, the browser client, tests and the benchmark use it.
 *
 * Every frame starts with a one-byte kind; integers are big-endian (network order). A sample is at most
 * 17 + 4 × METRIC_DEFS.length bytes, far under the ~1,200-byte datagram limit of a QUIC path.
 */

export const METRICS_PROTOCOL_VERSION = 1;
export const MIN_RATE_HZ = 1;
export const MAX_RATE_HZ = 60;
export const DEFAULT_RATE_HZ = 10;
/** Largest frame either side accepts; on streams the u16 length prefix cannot say more anyway. */
export const MAX_FRAME_BYTES = 65_535;
/** Most samples a hello carries as its snapshot. */
export const MAX_SNAPSHOT_SAMPLES = 120;

/** What the panel can chart. The index is the metric's id on the wire (its bit in a mask). */
export const METRIC_DEFS = [
  { key: 'cpu', label: 'CPU', unit: '%' },
  { key: 'elu', label: 'Event-loop utilisation', unit: '%' },
  { key: 'rss', label: 'Resident memory', unit: 'MB' },
  { key: 'heapUsed', label: 'Heap used', unit: 'MB' },
  { key: 'loopDelayP50', label: 'Event-loop delay p50', unit: 'ms' },
  { key: 'loopDelayP99', label: 'Event-loop delay p99', unit: 'ms' },
  { key: 'loopDelayMax', label: 'Event-loop delay max', unit: 'ms' },
  { key: 'gcPause', label: 'GC pause', unit: 'ms/s' },
  { key: 'gcCount', label: 'GC runs', unit: '/s' },
  { key: 'connSse', label: 'SSE connections', unit: '' },
  { key: 'connWs', label: 'WebSocket connections', unit: '' },
  { key: 'connMqtt', label: 'MQTT connections', unit: '' },
  { key: 'connWebtransport', label: 'WebTransport sessions', unit: '' },
  { key: 'outSse', label: 'SSE out', unit: 'msg/s' },
  { key: 'outWs', label: 'WebSocket out', unit: 'msg/s' },
  { key: 'outMqtt', label: 'MQTT out', unit: 'msg/s' },
  { key: 'outWebtransport', label: 'WebTransport out', unit: 'msg/s' },
  { key: 'inSse', label: 'SSE in', unit: 'msg/s' },
  { key: 'inWs', label: 'WebSocket in', unit: 'msg/s' },
  { key: 'inMqtt', label: 'MQTT in', unit: 'msg/s' },
  { key: 'inWebtransport', label: 'WebTransport in', unit: 'msg/s' },
  { key: 'busEvents', label: 'Bus events', unit: '/s' },
  { key: 'storeSize', label: 'Store size (with WAL)', unit: 'MB' },
  { key: 'storeWal', label: 'Store WAL', unit: 'MB' },
] as const;

export type MetricKey = (typeof METRIC_DEFS)[number]['key'];
export const METRIC_COUNT = METRIC_DEFS.length;
export const ALL_METRICS_MASK = 2 ** METRIC_COUNT - 1;
/** Index of each metric by key: `values[METRIC_INDEX.cpu]`. */
export const METRIC_INDEX = Object.fromEntries(METRIC_DEFS.map((d, i) => [d.key, i])) as Record<
  MetricKey,
  number
>;

export function maskOf(keys: readonly MetricKey[]): number {
  return keys.reduce((mask, key) => mask + 2 ** METRIC_INDEX[key], 0);
}

export function maskHas(mask: number, index: number): boolean {
  return Math.floor(mask / 2 ** index) % 2 === 1;
}

export const FRAME_KIND = {
  sample: 0x01,
  hello: 0x02,
  ping: 0x10,
  pong: 0x11,
  configure: 0x20,
  config: 0x21,
  error: 0x7f,
} as const;

/** Codes of the `error` frame. */
export const METRICS_ERROR = { invalidFrame: 1, badConfigure: 2, tooManyInvalid: 3 } as const;

export interface SampleFrame {
  type: 'sample';
  /** Per connection, +1 per sample sent: a gap is a lost sample. */
  seq: number;
  /** Server clock, ms since the epoch. */
  time: number;
  mask: number;
  /** METRIC_COUNT entries; NaN where the mask leaves a metric out. */
  values: Float64Array;
}
export interface MetricName {
  id: number;
  key: string;
  label: string;
  unit: string;
}
export interface HelloFrame {
  type: 'hello';
  version: number;
  rate: number;
  mask: number;
  serverVersion: string;
  metrics: MetricName[];
  /** The newest samples, oldest first: the chart is not empty at connect. */
  snapshot: SampleFrame[];
}
/** Client → server: a ping (echoed as a pong: round trip = now − sentAt), or a new rate and metric set. */
export type ClientFrame =
  { type: 'ping'; id: number; sentAt: number } | { type: 'configure'; rate: number; mask: number };
/** Server → client. `config` confirms the rate and metric set in force. */
export type ServerFrame =
  | SampleFrame
  | HelloFrame
  | { type: 'pong'; id: number; sentAt: number; serverTime: number }
  | { type: 'config'; rate: number; mask: number }
  | { type: 'error'; code: number; reason: string };
export type Decoded<T> = { ok: true; frame: T } | { ok: false; error: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function isValidRate(rate: number): boolean {
  return Number.isInteger(rate) && rate >= MIN_RATE_HZ && rate <= MAX_RATE_HZ;
}

export function isValidMask(mask: number): boolean {
  return Number.isInteger(mask) && mask > 0 && mask <= ALL_METRICS_MASK;
}

// ---------------------------------------------------------------------------------------------------
// Encoding

export function encodeSample(seq: number, time: number, mask: number, values: ArrayLike<number>): Uint8Array {
  let count = 0;
  for (let i = 0; i < METRIC_COUNT; i++) if (maskHas(mask, i)) count++;
  const out = new Uint8Array(17 + 4 * count);
  const view = new DataView(out.buffer);
  out[0] = FRAME_KIND.sample;
  view.setUint32(1, seq >>> 0);
  view.setFloat64(5, time);
  view.setUint32(13, mask);
  let at = 17;
  for (let i = 0; i < METRIC_COUNT; i++) {
    if (!maskHas(mask, i)) continue;
    view.setFloat32(at, values[i] ?? NaN);
    at += 4;
  }
  return out;
}

function short(text: string, max: number): Uint8Array {
  const bytes = encoder.encode(text);
  return bytes.length <= max ? bytes : bytes.subarray(0, max);
}

export function encodeHello(
  hello: Omit<HelloFrame, 'type' | 'snapshot'>,
  snapshot: Uint8Array[],
): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(7);
  const view = new DataView(head.buffer);
  head[0] = FRAME_KIND.hello;
  head[1] = hello.version;
  head[2] = hello.rate;
  view.setUint32(3, hello.mask);
  parts.push(head);
  const pushText = (text: string) => {
    const bytes = short(text, 255);
    parts.push(Uint8Array.of(bytes.length), bytes);
  };
  pushText(hello.serverVersion);
  parts.push(Uint8Array.of(hello.metrics.length));
  for (const m of hello.metrics) {
    parts.push(Uint8Array.of(m.id));
    pushText(m.key);
    pushText(m.label);
    pushText(m.unit);
  }
  const samples = snapshot.slice(-MAX_SNAPSHOT_SAMPLES);
  parts.push(Uint8Array.of(samples.length >> 8, samples.length & 0xff));
  for (const s of samples) parts.push(Uint8Array.of(s.length >> 8, s.length & 0xff), s);
  return concat(parts);
}

export function encodePing(id: number, sentAt: number): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  out[0] = FRAME_KIND.ping;
  view.setUint32(1, id >>> 0);
  view.setFloat64(5, sentAt);
  return out;
}

export function encodePong(id: number, sentAt: number, serverTime: number): Uint8Array {
  const out = new Uint8Array(21);
  const view = new DataView(out.buffer);
  out[0] = FRAME_KIND.pong;
  view.setUint32(1, id >>> 0);
  view.setFloat64(5, sentAt);
  view.setFloat64(13, serverTime);
  return out;
}

function encodeRateMask(kind: number, rate: number, mask: number): Uint8Array {
  const out = new Uint8Array(6);
  out[0] = kind;
  out[1] = rate;
  new DataView(out.buffer).setUint32(2, mask);
  return out;
}

export const encodeConfigure = (rate: number, mask: number) =>
  encodeRateMask(FRAME_KIND.configure, rate, mask);
export const encodeConfig = (rate: number, mask: number) => encodeRateMask(FRAME_KIND.config, rate, mask);

export function encodeError(code: number, reason: string): Uint8Array {
  const text = short(reason, 255);
  const out = new Uint8Array(4 + text.length);
  out[0] = FRAME_KIND.error;
  new DataView(out.buffer).setUint16(1, code);
  out[3] = text.length;
  out.set(text, 4);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Decoding: strict, never throws; anything short, long or out of range is an error value.

/** Reads a frame field by field; every read checks the bounds and throws, caught by the decoders. */
class Reader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): number {
    if (this.at + n > this.bytes.length) throw new RangeError('frame too short');
    const at = this.at;
    this.at += n;
    return at;
  }
  u8 = () => this.view.getUint8(this.need(1));
  u16 = () => this.view.getUint16(this.need(2));
  u32 = () => this.view.getUint32(this.need(4));
  f32 = () => this.view.getFloat32(this.need(4));
  f64 = () => this.view.getFloat64(this.need(8));
  bytesOf = (n: number) => this.bytes.subarray(this.need(n), this.at);
  text = () => decoder.decode(this.bytesOf(this.u8()));
  end(): void {
    if (this.at !== this.bytes.length) throw new RangeError('trailing bytes');
  }
}

function decodeWith<T>(bytes: Uint8Array, read: (r: Reader, kind: number) => T | string): Decoded<T> {
  if (bytes.length === 0) return { ok: false, error: 'empty frame' };
  if (bytes.length > MAX_FRAME_BYTES) return { ok: false, error: 'frame too large' };
  try {
    const r = new Reader(bytes);
    const result = read(r, r.u8());
    if (typeof result === 'string') return { ok: false, error: result };
    r.end();
    return { ok: true, frame: result };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'malformed frame' };
  }
}

function readSample(r: Reader): SampleFrame | string {
  const seq = r.u32();
  const time = r.f64();
  const mask = r.u32();
  if (!Number.isFinite(time)) return 'sample time is not finite';
  if (!isValidMask(mask)) return 'sample mask names unknown metrics';
  const values = new Float64Array(METRIC_COUNT).fill(NaN);
  for (let i = 0; i < METRIC_COUNT; i++) if (maskHas(mask, i)) values[i] = r.f32();
  return { type: 'sample', seq, time, mask, values };
}

function readHello(r: Reader): HelloFrame | string {
  const version = r.u8();
  // A newer layout may differ past this byte: say so rather than misread it.
  if (version !== METRICS_PROTOCOL_VERSION) return `unsupported protocol version ${version}`;
  const rate = r.u8();
  const mask = r.u32();
  const serverVersion = r.text();
  const metrics: MetricName[] = [];
  for (let n = r.u8(); n > 0; n--)
    metrics.push({ id: r.u8(), key: r.text(), label: r.text(), unit: r.text() });
  const snapshot: SampleFrame[] = [];
  const count = r.u16();
  if (count > MAX_SNAPSHOT_SAMPLES) return 'snapshot too long';
  for (let n = 0; n < count; n++) {
    const inner = decodeServerFrame(r.bytesOf(r.u16()));
    if (!inner.ok || inner.frame.type !== 'sample') return 'snapshot holds a frame that is not a sample';
    snapshot.push(inner.frame);
  }
  return { type: 'hello', version, rate, mask, serverVersion, metrics, snapshot };
}

/** Frames the browser receives. */
export function decodeServerFrame(bytes: Uint8Array): Decoded<ServerFrame> {
  return decodeWith<ServerFrame>(bytes, (r, kind) => {
    switch (kind) {
      case FRAME_KIND.sample:
        return readSample(r);
      case FRAME_KIND.hello:
        return readHello(r);
      case FRAME_KIND.pong:
        return { type: 'pong', id: r.u32(), sentAt: r.f64(), serverTime: r.f64() };
      case FRAME_KIND.config:
        return { type: 'config', rate: r.u8(), mask: r.u32() };
      case FRAME_KIND.error:
        return { type: 'error', code: r.u16(), reason: r.text() };
      default:
        return `unknown frame kind 0x${kind.toString(16)}`;
    }
  });
}

/** Frames the server receives: a ping, or a configure with a rate of 1–60 Hz and a known metric set. */
export function decodeClientFrame(bytes: Uint8Array): Decoded<ClientFrame> {
  return decodeWith<ClientFrame>(bytes, (r, kind) => {
    switch (kind) {
      case FRAME_KIND.ping: {
        const frame = { type: 'ping' as const, id: r.u32(), sentAt: r.f64() };
        return Number.isFinite(frame.sentAt) ? frame : 'ping time is not finite';
      }
      case FRAME_KIND.configure: {
        const rate = r.u8();
        const mask = r.u32();
        if (!isValidRate(rate)) return `rate must be ${MIN_RATE_HZ}–${MAX_RATE_HZ} Hz`;
        if (!isValidMask(mask)) return 'metric set is empty or names unknown metrics';
        return { type: 'configure', rate, mask };
      }
      default:
        return `unknown frame kind 0x${kind.toString(16)}`;
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Streams (the WebTransport hello and command streams) carry frames back to back, each preceded by its
// length as a u16. Datagrams and WebSocket messages need no prefix: they keep their own boundaries.

export function encodeStreamFrame(frame: Uint8Array): Uint8Array {
  if (frame.length > MAX_FRAME_BYTES) throw new RangeError('frame too large for a stream');
  return concat([Uint8Array.of(frame.length >> 8, frame.length & 0xff), frame]);
}

/** Splits a byte stream into frames; holds at most one partial frame (≤ 64 KiB). */
export class StreamFrameReader {
  private pending = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const data = this.pending.length ? concat([this.pending, chunk]) : chunk;
    const frames: Uint8Array[] = [];
    let at = 0;
    while (data.length - at >= 2) {
      const length = (data[at]! << 8) | data[at + 1]!;
      if (data.length - at - 2 < length) break;
      frames.push(data.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    this.pending = data.slice(at);
    return frames;
  }

  /** Bytes of an unfinished frame: at the end of a stream, non-zero means it was cut. */
  get buffered(): number {
    return this.pending.length;
  }
}
