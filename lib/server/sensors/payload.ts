import 'server-only';
import { METRIC_NAME, isStatusTopic, splitMetricTopic } from '../../events/mqtt-topics';

/** Why a message was not stored. Stable names: they are counted, shown and documented. */
export const REJECTION_REASONS = {
  'not-json': 'payload is neither JSON nor a number',
  'not-object': 'JSON payload is not an object of named numbers',
  'non-numeric': 'a field is not a finite number',
  'no-values': 'no numeric fields',
  'too-many-fields': 'too many fields',
  'bad-field-name': 'field name is not a metric name',
  'bad-timestamp': 'timestamp is not a time',
  'timestamp-future': 'timestamp is in the future',
  'timestamp-too-old': 'timestamp is older than the raw retention',
  'bad-metric-topic': 'bare number on a topic whose last level is not a metric name',
  'not-authorized': 'publish outside the device’s topic subtree',
  'too-large': 'packet over the size limit',
  'topic-too-long': 'topic over the length limit',
  'rate-limit': 'client over its message rate',
  'too-many-subscriptions': 'client over its subscription limit',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;

export const MAX_FIELDS = 32;
/** Keys that carry the reading's time rather than a value. */
const TIME_KEYS = new Set(['timestamp', 'time', 'ts']);
/** Device clocks drift; a reading a little ahead of ours is fine, one far ahead is a wrong clock. */
const MAX_FUTURE_MS = 5 * 60_000;

export interface ParsedReading {
  /** Where the device is (the topic without the metric level for a bare number). */
  location: string;
  values: Record<string, number>;
  /** Milliseconds since the epoch: the device's timestamp, else arrival time. */
  time: number;
}

export type ParseResult =
  | { ok: true; reading: ParsedReading }
  | { ok: false; reason: RejectionReason; detail: string }
  | { ok: 'status'; online: boolean }
  | { ok: 'ignored' };

/** A number literal, as devices send a bare reading: "21.5", "-3", "1e3". */
const NUMBER_TEXT = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * Reads one sensor message. `{"temperature": 21.4, "humidity": 40, "timestamp": 1700000000}` on a
 * location topic, or `21.4` on a metric topic. A status topic carries `online`/`offline` instead. An
 * empty payload (clearing a retained message) is ignored. Nothing partial is accepted: one bad field
 * rejects the message, with a reason naming it.
 */
export function parseReading(
  topic: string,
  payload: Buffer,
  receivedAt: number,
  maxAgeMs: number,
  /** The device's own topic: a bare number published right on it is its `value`. */
  devicePrefix?: string,
): ParseResult {
  if (payload.length === 0) return { ok: 'ignored' };
  const text = payload.toString('utf8');
  if (isStatusTopic(topic)) return parseStatus(text);

  // Most payloads are JSON objects: skip the number check for them.
  if (text.charCodeAt(0) !== 0x7b && NUMBER_TEXT.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value))
      return reject('non-numeric', `value ${text.trim().slice(0, 40)} is not finite`);
    if (topic === devicePrefix)
      return { ok: true, reading: { location: topic, values: { value }, time: receivedAt } };
    const { location, metric } = splitMetricTopic(topic);
    if (!METRIC_NAME.test(metric) || !location.includes('/')) {
      return reject(
        'bad-metric-topic',
        `"${metric.slice(0, 40)}" is not a metric name (letters, digits, _ - .)`,
      );
    }
    return { ok: true, reading: { location, values: { [metric]: value }, time: receivedAt } };
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return reject('not-json', `not JSON: ${excerpt(text)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return reject('not-object', `expected an object like {"temperature": 21.4}, got ${excerpt(text)}`);
  }

  const values: Record<string, number> = {};
  let count = 0;
  let time = receivedAt;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (TIME_KEYS.has(key)) {
      const at = readTime(value);
      if (at === null)
        return reject('bad-timestamp', `${key} ${excerpt(JSON.stringify(value))} is not a time`);
      if (at > receivedAt + MAX_FUTURE_MS)
        return reject(
          'timestamp-future',
          `${key} is ${Math.round((at - receivedAt) / 1000)} s ahead of the server clock`,
        );
      if (at < receivedAt - maxAgeMs)
        return reject('timestamp-too-old', `${key} is ${Math.round((receivedAt - at) / 3_600_000)} h old`);
      time = at;
      continue;
    }
    if (!METRIC_NAME.test(key))
      return reject('bad-field-name', `field "${key.slice(0, 40)}" is not a metric name`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return reject(
        'non-numeric',
        `field "${key}" is ${excerpt(JSON.stringify(value) ?? String(value))}, not a number`,
      );
    }
    if (++count > MAX_FIELDS) return reject('too-many-fields', `more than ${MAX_FIELDS} fields`);
    values[key] = value;
  }
  if (count === 0) return reject('no-values', 'the object has no numeric fields');
  return { ok: true, reading: { location: topic, values, time } };
}

function parseStatus(text: string): ParseResult {
  const word = text.trim().toLowerCase().replace(/^"|"$/g, '');
  if (word === 'online' || word === '1' || word === 'true') return { ok: 'status', online: true };
  if (word === 'offline' || word === '0' || word === 'false') return { ok: 'status', online: false };
  try {
    const json = JSON.parse(text) as { online?: unknown; status?: unknown };
    if (typeof json.online === 'boolean') return { ok: 'status', online: json.online };
    if (json.status === 'online' || json.status === 'offline')
      return { ok: 'status', online: json.status === 'online' };
  } catch {
    // fall through
  }
  return { ok: 'ignored' };
}

/** Seconds or milliseconds since the epoch (told apart by size), or an ISO 8601 string. */
function readTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return Math.round(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
  }
  return null;
}

function reject(reason: RejectionReason, detail: string): ParseResult {
  return { ok: false, reason, detail };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
