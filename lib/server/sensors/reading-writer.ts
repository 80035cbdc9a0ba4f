import 'server-only';
import type { Db } from '../store';
import { MAX_CHUNK_POINTS, addToAggregate, encodeChunk, type Aggregate } from './chunks';
import { sensorMetrics } from './metrics';
import type { SeriesInfo } from './series-catalog';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

interface Pending {
  times: number[];
  values: number[];
}

/** Device activity gathered during a batch: newest reading time and learned interval. */
export interface Activity {
  lastSeen: number;
  intervalMs: number | null;
}

/**
 * Buffers accepted readings in memory and writes them in one transaction per flush: one chunk row
 * per series (not one row per reading), minute and hour rollups upserted from aggregates computed
 * here, the latest value of each series, and device activity. This is what lets ingest keep up with
 * tens of thousands of readings a second on one core.
 */
export class ReadingWriter {
  private pending = new Map<SeriesInfo, Pending>();
  private activity = new Map<string, Activity>();
  private count = 0;
  /** Readings written since the start. */
  written = 0;
  private readonly statements;
  private readonly metrics = sensorMetrics();

  constructor(private readonly db: Db) {
    this.statements = {
      chunk: db.prepare(
        'INSERT INTO sensor_chunks (series_id, min_ts, max_ts, count, points) VALUES (?, ?, ?, ?, ?)',
      ),
      rollup: db.prepare(
        `INSERT INTO sensor_rollups (series_id, resolution, bucket, count, sum, min, max, last)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET count = count + excluded.count,
           sum = sum + excluded.sum, min = MIN(min, excluded.min), max = MAX(max, excluded.max), last = excluded.last`,
      ),
      last: db.prepare(
        'UPDATE sensor_series SET last_value = ?, last_ts = ? WHERE id = ? AND (last_ts IS NULL OR last_ts <= ?)',
      ),
      device: db.prepare(
        'UPDATE sensor_devices SET last_seen = MAX(COALESCE(last_seen, 0), ?), interval_ms = COALESCE(?, interval_ms) WHERE id = ?',
      ),
    };
  }

  /** Readings waiting for the next flush. */
  get size(): number {
    return this.count;
  }

  add(series: SeriesInfo, time: number, value: number): void {
    let entry = this.pending.get(series);
    if (!entry) this.pending.set(series, (entry = { times: [], values: [] }));
    entry.times.push(time);
    entry.values.push(value);
    this.count++;
  }

  noteActivity(deviceId: string, activity: Activity): void {
    this.activity.set(deviceId, activity);
  }

  /** Writes everything pending; returns how many readings went to disk. */
  flush(): number {
    if (this.count === 0 && this.activity.size === 0) return 0;
    const pending = this.pending;
    const activity = this.activity;
    const count = this.count;
    this.pending = new Map();
    this.activity = new Map();
    this.count = 0;
    const s = this.statements;
    this.db.transaction(() => {
      for (const [series, { times, values }] of pending) {
        for (let from = 0; from < times.length; from += MAX_CHUNK_POINTS) {
          const to = Math.min(times.length, from + MAX_CHUNK_POINTS);
          let min = Infinity;
          let max = -Infinity;
          for (let i = from; i < to; i++) {
            if (times[i]! < min) min = times[i]!;
            if (times[i]! > max) max = times[i]!;
          }
          s.chunk.run(series.id, min, max, to - from, encodeChunk(times, values, from, to));
        }
        for (const [resolution, buckets] of aggregate(times, values)) {
          for (const [bucket, a] of buckets)
            s.rollup.run(series.id, resolution, bucket, a.count, a.sum, a.min, a.max, a.last);
        }
        if (series.lastTs !== null) s.last.run(series.lastValue, series.lastTs, series.id, series.lastTs);
      }
      for (const [deviceId, a] of activity) s.device.run(a.lastSeen, a.intervalMs, deviceId);
    }).immediate();
    this.written += count;
    this.metrics.readings.inc(count);
    return count;
  }
}

function aggregate(times: number[], values: number[]): [number, Map<number, Aggregate>][] {
  const minutes = new Map<number, Aggregate>();
  const hours = new Map<number, Aggregate>();
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    const v = values[i]!;
    const minute = t - (t % MINUTE_MS);
    const hour = t - (t % HOUR_MS);
    minutes.set(minute, addToAggregate(minutes.get(minute), t, v));
    hours.set(hour, addToAggregate(hours.get(hour), t, v));
  }
  return [
    [MINUTE_MS, minutes],
    [HOUR_MS, hours],
  ];
}
