/**
 * Time ranges of the sensor charts, shared by the API (`GET /api/sensors/series?range=`) and the
 * browser. Each picks the resolution that keeps a chart near 300 points: raw readings for the short
 * ranges, minute rollups up to a week, hour rollups beyond.
 */
export const SENSOR_RANGES = {
  live: { label: 'Live', spanMs: 10 * 60_000, source: 'raw', stepMs: 2_000 },
  '1h': { label: '1 h', spanMs: 3_600_000, source: 'raw', stepMs: 15_000 },
  '6h': { label: '6 h', spanMs: 6 * 3_600_000, source: 'minute', stepMs: 60_000 },
  '24h': { label: '24 h', spanMs: 24 * 3_600_000, source: 'minute', stepMs: 5 * 60_000 },
  '7d': { label: '7 d', spanMs: 7 * 24 * 3_600_000, source: 'minute', stepMs: 30 * 60_000 },
  '30d': { label: '30 d', spanMs: 30 * 24 * 3_600_000, source: 'hour', stepMs: 2 * 3_600_000 },
} as const satisfies Record<
  string,
  { label: string; spanMs: number; source: 'raw' | 'minute' | 'hour'; stepMs: number }
>;

export type SensorRange = keyof typeof SENSOR_RANGES;
export const SENSOR_RANGE_IDS = Object.keys(SENSOR_RANGES) as SensorRange[];

export function isSensorRange(value: string): value is SensorRange {
  return Object.hasOwn(SENSOR_RANGES, value);
}

/** One point of a chart: bucket start time, mean, and the min/max within the bucket. */
export type SeriesPoint = [time: number, mean: number, min: number, max: number];

/** A series as the API returns it. */
export interface SeriesData {
  topic: string;
  deviceId: string;
  location: string;
  metric: string;
  lastValue: number | null;
  lastTs: number | null;
  points: SeriesPoint[];
}

/** Most series one request returns, and per metric (one chart); the rest are counted in `more`. */
export const MAX_SERIES_PER_QUERY = 48;
export const MAX_SERIES_PER_METRIC = 8;
