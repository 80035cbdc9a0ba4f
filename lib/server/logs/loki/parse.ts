import 'server-only';
import { levelFromWord } from '../level';
import type { LogLevel, RawLogLine } from '../types';

export type LokiParseResult = { ok: true; lines: RawLogLine[] } | { ok: false; error: string };

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
    const text = labels as Record<string, string>;
    const container =
      NAME_LABELS.map((k) => text[k]).find((v) => v !== undefined && v.trim() !== '') ?? 'push';
    const levelLabel = LEVEL_LABELS.map((k) => text[k]).find((v) => v !== undefined);
    const level: LogLevel | undefined = levelLabel ? (levelFromWord(levelLabel) ?? undefined) : undefined;
    const output = text.stream === 'stderr' ? 'stderr' : 'stdout';
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
      const raw: RawLogLine = {
        source: 'push',
        container,
        stream: output,
        time: Number(BigInt(ts) / 1_000_000n),
        line,
      };
      if (level) raw.level = level;
      lines.push(raw);
    }
  }
  return { ok: true, lines };
}
