import 'server-only';
import { metricTopic } from '../../events/mqtt-topics';
import type { Db } from '../store';

/** One stored series: a metric at a location, reported by one device. */
export interface SeriesInfo {
  id: number;
  /** The metric topic, `<location>/<metric>`: what wildcard selections match. */
  topic: string;
  deviceId: string;
  location: string;
  metric: string;
  lastValue: number | null;
  lastTs: number | null;
  /** Thresholds matching this series, cached per thresholds version (see thresholds.ts). */
  thresholds?: { version: number; ids: number[] };
}

interface SeriesRow {
  id: number;
  topic: string;
  deviceId: string;
  location: string;
  metric: string;
  lastValue: number | null;
  lastTs: number | null;
}

const SELECT = `SELECT id, topic, device_id AS deviceId, location, metric, last_value AS lastValue, last_ts AS lastTs
  FROM sensor_series`;

/** Reads every series (the catalog is small: one row per device and metric). */
export function listSeries(db: Db): SeriesRow[] {
  return db.prepare(`${SELECT} ORDER BY topic`).all() as SeriesRow[];
}

export function seriesOfDevice(db: Db, deviceId: string): SeriesRow[] {
  return db.prepare(`${SELECT} WHERE device_id = ? ORDER BY topic`).all(deviceId) as SeriesRow[];
}

/**
 * The series catalog in memory, so the ingest path finds a series id with one Map lookup. A new
 * metric topic gets its row on first sight (rare, synchronous).
 */
export class SeriesCatalog {
  private readonly byTopic = new Map<string, SeriesInfo>();
  private readonly insert;
  private readonly find;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO sensor_series (device_id, topic, location, metric) VALUES (?, ?, ?, ?)',
    );
    this.find = db.prepare(`${SELECT} WHERE topic = ?`);
    for (const row of listSeries(db)) this.byTopic.set(row.topic, { ...row });
  }

  /** The series of `metric` at `location`, created for `deviceId` when new. */
  get(deviceId: string, location: string, metric: string): SeriesInfo {
    const topic = metricTopic(location, metric);
    let series = this.byTopic.get(topic);
    if (!series) {
      this.insert.run(deviceId, topic, location, metric);
      series = { ...(this.find.get(topic) as SeriesRow) };
      this.byTopic.set(topic, series);
    }
    return series;
  }

  all(): IterableIterator<SeriesInfo> {
    return this.byTopic.values();
  }

  get size(): number {
    return this.byTopic.size;
  }
}
