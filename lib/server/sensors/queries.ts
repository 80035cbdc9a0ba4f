import 'server-only';
import { topicMatches } from '../../events/mqtt-topics';
import {
  MAX_SERIES_PER_METRIC,
  MAX_SERIES_PER_QUERY,
  SENSOR_RANGES,
  type SensorRange,
  type SeriesData,
  type SeriesPoint,
} from '../../events/sensor-ranges';
import type { Db } from '../store';
import { forEachPoint } from './chunks';
import { HOUR_MS, MINUTE_MS } from './reading-writer';
import { listSeries } from './series-catalog';

export interface SeriesQuery {
  filter: string;
  range: SensorRange;
  /** Only this metric (the last level of the metric topic), when given. */
  metric?: string;
  now?: number;
}

export interface SeriesResult {
  filter: string;
  range: SensorRange;
  from: number;
  to: number;
  stepMs: number;
  series: SeriesData[];
  /** Series that matched beyond MAX_SERIES_PER_QUERY. */
  more: number;
}

interface Bucket {
  sum: number;
  count: number;
  min: number;
  max: number;
}

/**
 * The series whose metric topic matches an MQTT filter, with their points over a range, bucketed to
 * the range's step (mean, min and max per bucket), oldest first.
 */
export function querySeries(db: Db, query: SeriesQuery): SeriesResult {
  const spec = SENSOR_RANGES[query.range];
  const to = query.now ?? Date.now();
  const from = to - spec.spanMs;
  const matching = listSeries(db).filter(
    (s) => topicMatches(query.filter, s.topic) && (query.metric === undefined || s.metric === query.metric),
  );
  // A fair share per metric: `sensors/#` over a big fleet still draws every metric's chart.
  const perMetric = new Map<string, number>();
  const chosen = matching
    .filter((s) => {
      const n = perMetric.get(s.metric) ?? 0;
      perMetric.set(s.metric, n + 1);
      return n < MAX_SERIES_PER_METRIC;
    })
    .slice(0, MAX_SERIES_PER_QUERY);
  const series = chosen.map((s) => ({
    ...s,
    points:
      spec.source === 'raw'
        ? rawPoints(db, s.id, from, to, spec.stepMs)
        : rollupPoints(db, s.id, spec.source === 'minute' ? MINUTE_MS : HOUR_MS, from, to, spec.stepMs),
  }));
  return {
    filter: query.filter,
    range: query.range,
    from,
    to,
    stepMs: spec.stepMs,
    series: series.map(({ id: _id, ...rest }) => rest),
    more: matching.length - chosen.length,
  };
}

function rawPoints(db: Db, seriesId: number, from: number, to: number, stepMs: number): SeriesPoint[] {
  const chunks = db
    .prepare('SELECT points FROM sensor_chunks WHERE series_id = ? AND max_ts >= ? AND min_ts <= ?')
    .pluck()
    .all(seriesId, from, to) as Buffer[];
  const buckets = new Map<number, Bucket>();
  for (const chunk of chunks) {
    forEachPoint(chunk, from, to, (time, value) =>
      add(buckets, time - (time % stepMs), value, value, value, 1),
    );
  }
  return toPoints(buckets);
}

function rollupPoints(
  db: Db,
  seriesId: number,
  resolution: number,
  from: number,
  to: number,
  stepMs: number,
): SeriesPoint[] {
  const rows = db
    .prepare(
      `SELECT bucket, count, sum, min, max FROM sensor_rollups
       WHERE series_id = ? AND resolution = ? AND bucket >= ? AND bucket <= ?`,
    )
    .all(seriesId, resolution, from - (from % resolution), to) as {
    bucket: number;
    count: number;
    sum: number;
    min: number;
    max: number;
  }[];
  const buckets = new Map<number, Bucket>();
  for (const row of rows)
    add(buckets, row.bucket - (row.bucket % stepMs), row.sum, row.min, row.max, row.count);
  return toPoints(buckets);
}

function add(
  buckets: Map<number, Bucket>,
  at: number,
  sum: number,
  min: number,
  max: number,
  count: number,
): void {
  const bucket = buckets.get(at);
  if (!bucket) {
    buckets.set(at, { sum, count, min, max });
    return;
  }
  bucket.sum += sum;
  bucket.count += count;
  if (min < bucket.min) bucket.min = min;
  if (max > bucket.max) bucket.max = max;
}

function toPoints(buckets: Map<number, Bucket>): SeriesPoint[] {
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, b]) => [at, round(b.sum / b.count), round(b.min), round(b.max)]);
}

/** Four significant decimals are plenty for a chart and keep the JSON short. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
