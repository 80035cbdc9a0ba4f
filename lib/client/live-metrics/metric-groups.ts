/**
 * How the panel groups metrics: each group is one switch (its metrics join or leave the set the server
 * sends) and one or two charts. Also the number formats of the glance line and the tiles.
 */
import { METRIC_DEFS, METRIC_INDEX, maskHas, maskOf, type MetricKey } from '../../events/metrics-frames';

export const METRIC_GROUPS = [
  { id: 'process', label: 'CPU & memory', keys: ['cpu', 'elu', 'rss', 'heapUsed'] },
  {
    id: 'loop',
    label: 'Event loop & GC',
    keys: ['loopDelayP50', 'loopDelayP99', 'loopDelayMax', 'gcPause', 'gcCount'],
  },
  {
    id: 'traffic',
    label: 'Transports',
    keys: [
      'connSse',
      'connWs',
      'connMqtt',
      'connWebtransport',
      'outSse',
      'outWs',
      'outMqtt',
      'outWebtransport',
      'inSse',
      'inWs',
      'inMqtt',
      'inWebtransport',
      'busEvents',
    ],
  },
  { id: 'store', label: 'Store', keys: ['storeSize', 'storeWal'] },
] as const satisfies readonly { id: string; label: string; keys: readonly MetricKey[] }[];

export type GroupId = (typeof METRIC_GROUPS)[number]['id'];

export const RATES = [1, 5, 10, 30, 60] as const;

/** The mask of the chosen groups (never empty: with nothing chosen, CPU & memory stay). */
export function maskOfGroups(groups: ReadonlySet<GroupId>): number {
  const keys = METRIC_GROUPS.filter((g) => groups.has(g.id)).flatMap((g) => [...g.keys]);
  return keys.length > 0 ? maskOf(keys) : maskOf([...METRIC_GROUPS[0].keys]);
}

/** The groups whose metrics are all in the mask. */
export function groupsOfMask(mask: number): Set<GroupId> {
  return new Set(
    METRIC_GROUPS.filter((g) => g.keys.every((k) => maskHas(mask, METRIC_INDEX[k]))).map((g) => g.id),
  );
}

export function unitOf(key: MetricKey): string {
  return METRIC_DEFS[METRIC_INDEX[key]]?.unit ?? '';
}

// Intl.NumberFormat is costly to create and toLocaleString makes one per call: keep one per precision.
const NUMBER_FORMATS = [0, 1, 2].map(
  (digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
);

/** "12.3 %", "182 MB", "0.42 ms", "1,204 msg/s"; "—" for a value not known. */
export function formatMetric(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const number = NUMBER_FORMATS[abs >= 100 ? 0 : abs >= 10 ? 1 : 2]!.format(value);
  if (unit === '') return number;
  return unit === '%' ? `${number} %` : `${number} ${unit}`;
}

/** "12,345": whole counts. */
export function formatCount(value: number): string {
  return NUMBER_FORMATS[0]!.format(value);
}

/** Round trip in ms with sub-millisecond detail where it matters. */
export function formatRtt(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

/** "0.00 %" to two places: at 60 Hz one lost sample a minute is 0.03 %. */
export function formatLoss(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}
