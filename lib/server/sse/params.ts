import 'server-only';
import { STREAMS, isStreamName, type StreamName } from '../../events';
import { parseLogStreamParams } from '../logs/sse-filter';
import type { StreamFilter, StreamLimit } from './hub';

export type SseParams =
  | {
      ok: true;
      streams: StreamName[];
      lastEventId: number | null;
      /** Present when a stream's own parameters narrow what it sends (e.g. logs by container). */
      filters?: Partial<Record<StreamName, StreamFilter>>;
      limits?: Partial<Record<StreamName, StreamLimit | null>>;
    }
  | { ok: false; status: 400; error: string };

const ID_PATTERN = /^\d{1,15}$/;

/**
 * Reads `streams` and the resume point of an SSE request. The resume point is the `Last-Event-ID`
 * header (sent by a reconnecting EventSource) or, for a first connect, the `lastEventId` query
 * parameter (an EventSource cannot set headers). No `streams` means every stream the user may read.
 */
export function parseSseParams(
  query: URLSearchParams,
  lastEventIdHeader: string | undefined,
  readable: readonly StreamName[] = STREAMS,
): SseParams {
  const raw = query.get('streams');
  let streams: StreamName[];
  if (raw === null || raw.trim() === '') {
    streams = [...readable];
  } else {
    const names = [
      ...new Set(
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = names.filter((n) => !isStreamName(n));
    if (unknown.length > 0) {
      return {
        ok: false,
        status: 400,
        error: `Unknown stream${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u.slice(0, 50)}"`).join(', ')}. Valid streams: ${STREAMS.join(', ')}.`,
      };
    }
    streams = (names as StreamName[]).filter((n) => readable.includes(n));
    if (streams.length === 0) {
      return { ok: false, status: 400, error: 'None of the requested streams may be read by this user.' };
    }
  }

  const header = lastEventIdHeader?.trim();
  const fromQuery = query.get('lastEventId')?.trim();
  const candidate = header || fromQuery || '';
  let lastEventId: number | null = null;
  if (candidate !== '') {
    if (!ID_PATTERN.test(candidate)) {
      return {
        ok: false,
        status: 400,
        error: `Malformed Last-Event-ID "${candidate.slice(0, 40)}": expected the decimal id of an event.`,
      };
    }
    lastEventId = Number(candidate);
  }
  if (!streams.includes('logs')) return { ok: true, streams, lastEventId };
  // The logs stream's filters: container, level, q (regex) and logRate.
  const logs = parseLogStreamParams(query);
  if (!logs.ok) return logs;
  return {
    ok: true,
    streams,
    lastEventId,
    ...(logs.filter ? { filters: { logs: logs.filter } } : {}),
    ...(logs.limit !== undefined ? { limits: { logs: logs.limit } } : {}),
  };
}
