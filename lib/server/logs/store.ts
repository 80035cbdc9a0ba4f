import 'server-only';
import type { EventBus } from '../bus';
import type { Db } from '../store';
import { LEVEL_CODE, SOURCE_CODE, STREAM_CODE } from './codes';
import type { PreparedLine } from './normalize';
import type { LogLine, LogSource } from './types';

export interface StoredContainer {
  id: number;
  name: string;
  source: LogSource;
  firstSeen: number;
  lastSeen: number;
  cursorNs: string | null;
}

/**
 * The write side of the log store: batches of lines in one transaction each, with ids taken from
 * the durable event sequence, the full-text index beside them, and retention in bounded chunks.
 */
export class LogStore {
  private readonly containerIds = new Map<string, number>();
  private readonly statements;
  /** Rows in log_lines, counted once at start and kept up to date (COUNT(*) scans the table). */
  private rows: number;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {
    this.statements = {
      line: db.prepare(
        `INSERT INTO log_lines (id, container_id, time, level, stream, source, truncated, line)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      fts: db.prepare('INSERT INTO log_fts (rowid, line) VALUES (?, ?)'),
      newContainer: db.prepare(
        `INSERT INTO log_containers (name, source, first_seen, last_seen) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO NOTHING`,
      ),
      containerId: db.prepare('SELECT id FROM log_containers WHERE name = ?').pluck(),
      seen: db.prepare(
        'UPDATE log_containers SET last_seen = MAX(last_seen, ?), cursor_ns = COALESCE(?, cursor_ns) WHERE id = ?',
      ),
      oldestIds: db.prepare('SELECT id FROM log_lines ORDER BY id LIMIT ?').pluck(),
      expiredIds: db.prepare('SELECT id FROM log_lines WHERE time < ? LIMIT ?').pluck(),
      deleteLine: db.prepare('DELETE FROM log_lines WHERE id = ?'),
      deleteFts: db.prepare('DELETE FROM log_fts WHERE rowid = ?'),
    };
    this.rows = Number(db.prepare('SELECT COUNT(*) FROM log_lines').pluck().get());
  }

  get size(): number {
    return this.rows;
  }

  /** The id of a container name, created on first use. */
  containerId(name: string, source: LogSource, at: number): number {
    const known = this.containerIds.get(name);
    if (known !== undefined) return known;
    this.statements.newContainer.run(name, source, at, at);
    const id = Number(this.statements.containerId.get(name));
    this.containerIds.set(name, id);
    return id;
  }

  /**
   * Stores lines in one transaction and returns them with their ids, in order. Docker cursors of the
   * batch are saved in the same transaction, so a line and its cursor are stored together or not at all.
   */
  insert(lines: readonly PreparedLine[]): LogLine[] {
    if (lines.length === 0) return [];
    return this.db.transaction(() => {
      const first = this.bus.reserveIds(lines.length);
      const out: LogLine[] = new Array<LogLine>(lines.length);
      const touched = new Map<number, { at: number; cursor: bigint | undefined }>();
      for (let i = 0; i < lines.length; i++) {
        const { data, plain, cursorNs } = lines[i]!;
        const id = first + i;
        const containerId = this.containerId(data.container, data.source, data.time);
        this.statements.line.run(
          id,
          containerId,
          data.time,
          LEVEL_CODE[data.level],
          STREAM_CODE[data.stream],
          SOURCE_CODE[data.source],
          data.truncated ? 1 : 0,
          data.line,
        );
        this.statements.fts.run(id, plain);
        const mark = touched.get(containerId);
        if (!mark) touched.set(containerId, { at: data.time, cursor: cursorNs });
        else {
          mark.at = Math.max(mark.at, data.time);
          if (cursorNs !== undefined) mark.cursor = cursorNs;
        }
        out[i] = { id, ...data };
      }
      for (const [containerId, mark] of touched) {
        this.statements.seen.run(
          mark.at,
          mark.cursor === undefined ? null : String(mark.cursor),
          containerId,
        );
      }
      this.rows += lines.length;
      return out;
    }).immediate();
  }

  containers(): StoredContainer[] {
    return this.db
      .prepare(
        `SELECT id, name, source, first_seen AS firstSeen, last_seen AS lastSeen, cursor_ns AS cursorNs
         FROM log_containers ORDER BY name`,
      )
      .all() as StoredContainer[];
  }

  /**
   * Deletes up to `chunk` lines that are older than `before` (line time) or beyond `maxLines`
   * (oldest first), with their index entries. Returns how many went; call again while it returns
   * `chunk`, yielding between calls so a large backlog never holds the event loop.
   */
  prune(before: number, maxLines: number, chunk: number): number {
    const excess = this.rows - maxLines;
    const ids = (
      excess > 0
        ? this.statements.oldestIds.all(Math.min(chunk, excess))
        : this.statements.expiredIds.all(before, chunk)
    ) as number[];
    if (ids.length === 0) return 0;
    this.db.transaction(() => {
      for (const id of ids) {
        this.statements.deleteLine.run(id);
        this.statements.deleteFts.run(id);
      }
    }).immediate();
    this.rows -= ids.length;
    return ids.length;
  }
}
