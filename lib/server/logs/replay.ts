import 'server-only';
import type { AnyEnvelope } from '../../events';
import type { ReplayGap, ReplaySource } from '../bus';
import type { Db } from '../store';
import { LEVEL_CODE } from './codes';
import { containerIdsByName, searchLogs } from './search';
import type { LogReplayHint } from './sse-filter';
import type { LogLine } from './types';

/** Lines a reconnecting client gets at most; older missed lines are a `gap` it can fetch by search. */
export const MAX_LOG_REPLAY = 10_000;

export function logEnvelope(line: LogLine, ts: number): AnyEnvelope {
  const { id, ...data } = line;
  return { id, stream: 'logs', type: 'log-line', ts, data };
}

/**
 * The replay of the logs stream, from the log table (log lines are not in the events table). It
 * filters by container and level in SQL (from the connection's hint), and replays at most
 * MAX_LOG_REPLAY lines: a client back after a long absence in a flood gets the newest ones and a
 * `gap` naming the span it missed, instead of a million lines.
 */
export function logReplaySource(db: Db, maxReplay = MAX_LOG_REPLAY): ReplaySource {
  const floorOf = (afterId: number, containerIds: number[] | null, levels: number[] | null) => {
    const where = ['id > ?'];
    if (containerIds) where.push(`container_id IN (${containerIds.join(',')})`);
    if (levels) where.push(`level IN (${levels.join(',')})`);
    return db
      .prepare(`SELECT id FROM log_lines WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT 1 OFFSET ?`)
      .pluck()
      .get(afterId, maxReplay) as number | undefined;
  };

  return (afterId, limit, rawHint) => {
    const hint = (rawHint as LogReplayHint | undefined) ?? { containers: null, levels: null };
    let containerIds: number[] | null = null;
    if (hint.containers) {
      containerIds = [...containerIdsByName(db, hint.containers).values()];
      // None of the names has lines yet: nothing to replay.
      if (containerIds.length === 0) return { events: [], gaps: [] };
    }
    const levels = hint.levels ? hint.levels.map((l) => LEVEL_CODE[l]) : null;
    const gaps: ReplayGap[] = [];
    if (hint.floor === undefined || hint.floor < afterId) {
      const floor = floorOf(afterId, containerIds, levels);
      if (floor !== undefined) gaps.push({ stream: 'logs', fromId: afterId + 1, toId: floor });
      hint.floor = floor ?? afterId;
    }
    const page = searchLogs(db, {
      after: Math.max(afterId, hint.floor),
      containerIds,
      levels: hint.levels,
      limit,
      ascending: true,
    });
    return { events: page.lines.map((line) => logEnvelope(line, line.time)), gaps };
  };
}
