import 'server-only';
import { levelFromWord } from '../level';
import type { LogLevel, RawLogLine } from '../types';
import { decodePushRequest, parseLabels } from './protobuf';
import { SnappyError, snappyDecompress } from './snappy';

export type LokiParseResult =
  { ok: true; lines: RawLogLine[] } | { ok: false; error: string; status?: 400 | 413 | 415 };

/** Labels that name where a line comes from, most specific first (Promtail, Alloy and Vector use these). */
const NAME_LABELS = [
  'container',
  'container_name',
  'service_name',
  'service',
  'app',
  'job',
  'instance',
  'host',
];
const LEVEL_LABELS = ['level', 'detected_level', 'severity', 'lvl'];
const MAX_LABELS = 64;
const NANOS = /^\d{1,19}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface StreamMeta {
  container: string;
  level: LogLevel | undefined;
  stream: 'stdout' | 'stderr';
}

/** Where a pushed stream's lines come from, their level and output, from its labels. */
export function streamMeta(labels: Record<string, string>): StreamMeta {
  const container =
    NAME_LABELS.map((k) => labels[k]).find((v) => v !== undefined && v.trim() !== '') ?? 'push';
  const levelLabel = LEVEL_LABELS.map((k) => labels[k]).find((v) => v !== undefined);
  const level = levelLabel ? (levelFromWord(levelLabel) ?? undefined) : undefined;
  return { container, level, stream: labels.stream === 'stderr' ? 'stderr' : 'stdout' };
}

export function toRawLine(meta: StreamMeta, ns: bigint, line: string): RawLogLine {
  const raw: RawLogLine = {
    source: 'push',
    container: meta.container,
    stream: meta.stream,
    time: Number(ns / 1_000_000n),
    line,
  };
  if (meta.level) raw.level = meta.level;
  return raw;
}

/**
 * Validates a Loki push body (`POST /loki/api/v1/push`, JSON form:
 * `{ "streams": [{ "stream": { labels }, "values": [["<ns>", "<line>", { metadata }?], …] }] }`)
 * completely before anything is stored, and maps it to lines. An error names the first problem by
 * its path, e.g. `streams[0].values[3][0]: …`.
 */
export function parseLokiPush(body: unknown): LokiParseResult {
  if (!isRecord(body)) return { ok: false, error: 'body: expected a JSON object with "streams".' };
  const streams = body.streams;
  if (!Array.isArray(streams)) return { ok: false, error: 'streams: expected an array of streams.' };
  const lines: RawLogLine[] = [];
  for (let s = 0; s < streams.length; s++) {
    const stream: unknown = streams[s];
    const at = `streams[${s}]`;
    if (!isRecord(stream))
      return { ok: false, error: `${at}: expected an object with "stream" and "values".` };
    const labels = stream.stream ?? {};
    if (!isRecord(labels)) return { ok: false, error: `${at}.stream: expected an object of labels.` };
    const entries = Object.entries(labels);
    if (entries.length > MAX_LABELS)
      return { ok: false, error: `${at}.stream: more than ${MAX_LABELS} labels.` };
    for (const [key, value] of entries) {
      if (typeof value !== 'string') {
        return { ok: false, error: `${at}.stream.${key.slice(0, 50)}: label values must be strings.` };
      }
    }
    const meta = streamMeta(labels as Record<string, string>);
    const values = stream.values;
    if (!Array.isArray(values))
      return { ok: false, error: `${at}.values: expected an array of [timestamp, line] pairs.` };
    for (let v = 0; v < values.length; v++) {
      const entry: unknown = values[v];
      const where = `${at}.values[${v}]`;
      if (!Array.isArray(entry) || entry.length < 2 || entry.length > 3) {
        return { ok: false, error: `${where}: expected ["<unix epoch in nanoseconds>", "<log line>"].` };
      }
      const [ts, line, metadata] = entry as unknown[];
      if (typeof ts !== 'string' || !NANOS.test(ts)) {
        return {
          ok: false,
          error: `${where}[0]: the timestamp must be a string of nanoseconds since the epoch.`,
        };
      }
      if (typeof line !== 'string')
        return { ok: false, error: `${where}[1]: the log line must be a string.` };
      if (metadata !== undefined && !isRecord(metadata)) {
        return { ok: false, error: `${where}[2]: structured metadata must be an object.` };
      }
      lines.push(toRawLine(meta, BigInt(ts), line));
    }
  }
  return { ok: true, lines };
}

/**
 * The protobuf form (`Content-Type: application/x-protobuf`, snappy-compressed), as Promtail and
 * Grafana Alloy send it; the same mapping as the JSON form. `tooLarge` when it inflates past `limit`.
 */
export function parseLokiProtobuf(body: Buffer, limit: number): LokiParseResult {
  let raw: Buffer;
  try {
    raw = snappyDecompress(body, limit);
  } catch (error) {
    if (error instanceof SnappyError && error.tooLarge) {
      return { ok: false, status: 413, error: `Body larger than ${limit} bytes once decompressed.` };
    }
    return { ok: false, error: `Body is not valid snappy: ${(error as Error).message}.` };
  }
  let streams;
  try {
    streams = decodePushRequest(raw);
  } catch (error) {
    return { ok: false, error: `Body is not a valid Loki PushRequest: ${(error as Error).message}.` };
  }
  const lines: RawLogLine[] = [];
  for (const [s, stream] of streams.entries()) {
    const labels = parseLabels(stream.labels);
    if (!labels) return { ok: false, error: `streams[${s}].labels: not in {name="value", …} form.` };
    const meta = streamMeta(labels);
    for (const entry of stream.entries) lines.push(toRawLine(meta, entry.ns, entry.line));
  }
  return { ok: true, lines };
}
