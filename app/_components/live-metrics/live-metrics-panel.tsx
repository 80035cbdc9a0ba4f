'use client';

import { useEffect, useRef, useState } from 'react';
import { MetricsConnection } from '@/lib/client/live-metrics/metrics-connection';
import { yMaxOf } from '@/lib/client/live-metrics/chart-scale';
import {
  formatMetric,
  groupsOfMask,
  maskOfGroups,
  type GroupId,
} from '@/lib/client/live-metrics/metric-groups';
import {
  useMetricsConnection,
  useChartViews,
  useMetricsStatus,
} from '@/lib/client/live-metrics/use-live-metrics';
import { ALL_METRICS_MASK, DEFAULT_RATE_HZ, METRIC_INDEX } from '@/lib/events/metrics-frames';
import { MetricChart, type ChartLine } from './metric-chart';
import { MetricsControls } from './metrics-controls';
import { MetricsGlance } from './metrics-glance';
import { MetricTiles } from './metric-tiles';

/** Charts take turns: each redraws every PHASES steps (500 ms), half of them per step. */
const PHASES = 2;

/** Chart colours: SVG attribute values, distinct on both themes (sky, violet, amber, emerald, rose). */
const C = { a: '#0ea5e9', b: '#a855f7', c: '#f59e0b', d: '#10b981', e: '#f43f5e' } as const;

const CHARTS: readonly { title: string; unit: string; group: GroupId; lines: readonly ChartLine[] }[] = [
  {
    title: 'CPU and event-loop utilisation',
    unit: '%',
    group: 'process',
    lines: [
      { key: 'cpu', label: 'CPU', colour: C.a },
      { key: 'elu', label: 'Event loop', colour: C.b },
    ],
  },
  {
    title: 'Memory',
    unit: 'MB',
    group: 'process',
    lines: [
      { key: 'rss', label: 'Resident', colour: C.a },
      { key: 'heapUsed', label: 'Heap used', colour: C.d },
    ],
  },
  {
    title: 'Event-loop delay',
    unit: 'ms',
    group: 'loop',
    lines: [
      { key: 'loopDelayP50', label: 'p50', colour: C.d },
      { key: 'loopDelayP99', label: 'p99', colour: C.c },
      { key: 'loopDelayMax', label: 'max', colour: C.e },
    ],
  },
  {
    title: 'GC pauses',
    unit: 'ms/s',
    group: 'loop',
    lines: [{ key: 'gcPause', label: 'Paused', colour: C.e }],
  },
  {
    title: 'Messages out',
    unit: 'msg/s',
    group: 'traffic',
    lines: [
      { key: 'outSse', label: 'SSE', colour: C.a },
      { key: 'outWs', label: 'WebSocket', colour: C.d },
      { key: 'outMqtt', label: 'MQTT', colour: C.c },
      { key: 'outWebtransport', label: 'WebTransport', colour: C.b },
    ],
  },
  {
    title: 'Messages in',
    unit: 'msg/s',
    group: 'traffic',
    lines: [
      { key: 'inSse', label: 'SSE', colour: C.a },
      { key: 'inWs', label: 'WebSocket', colour: C.d },
      { key: 'inMqtt', label: 'MQTT', colour: C.c },
      { key: 'inWebtransport', label: 'WebTransport', colour: C.b },
    ],
  },
];

/**
 * The live metrics panel: the transport in use with its round trip and loss, the rate and metric set,
 * the newest figures, and a chart per concern. The panel itself renders on state changes and twice a
 * second; only the charts follow the samples, at most once per animation frame.
 */
export function LiveMetricsPanel() {
  const connection = useMetricsConnection();
  const status = useMetricsStatus(connection);
  const [wanted, setWanted] = useState({ rate: DEFAULT_RATE_HZ, mask: ALL_METRICS_MASK });
  const groups = groupsOfMask(wanted.mask);
  const latest = connection.series.latest;

  const apply = (rate: number, mask: number) => {
    setWanted({ rate, mask });
    connection.configure(rate, mask);
  };
  const toggle = (group: GroupId) => {
    const next = new Set(groups);
    if (next.has(group)) next.delete(group);
    else next.add(group);
    apply(wanted.rate, maskOfGroups(next));
  };
  const charts = CHARTS.filter((chart) => groups.has(chart.group)).map((chart) => ({
    ...chart,
    summary: chart.lines
      .map((l) => `${l.label} ${formatMetric(latest[METRIC_INDEX[l.key]], chart.unit)}`)
      .join(', '),
  }));

  return (
    <div className="space-y-4">
      <MetricsGlance status={status} />
      <MetricsControls
        rate={wanted.rate}
        groups={groups}
        onRate={(r) => apply(r, wanted.mask)}
        onToggle={toggle}
      />
      <MetricTiles latest={latest} />
      <LiveCharts connection={connection} charts={charts} stale={status.status.kind !== 'connected'} />
    </div>
  );
}

function LiveCharts({
  connection,
  charts,
  stale,
}: {
  connection: MetricsConnection;
  charts: readonly ((typeof CHARTS)[number] & { summary: string })[];
  stale: boolean;
}) {
  const views = useChartViews(connection, PHASES);
  return (
    <section aria-label="Live charts" className="grid gap-4 lg:grid-cols-2">
      {charts.map((chart, i) => (
        <OnScreenChart
          key={chart.title}
          title={chart.title}
          unit={chart.unit}
          rows={views[i % PHASES]!.rows}
          end={views[i % PHASES]!.end}
          yMax={yMaxOf(
            views[i % PHASES]!.rows,
            chart.lines.map((l) => l.key),
            chart.unit === '%' ? 10 : 1,
          )}
          lines={chart.lines}
          windowMs={connection.series.windowMs}
          stepMs={MetricsConnection.STEP_MS * PHASES}
          stale={stale}
          summary={chart.summary}
        />
      ))}
    </section>
  );
}

/** A chart scrolled out of view keeps its last picture, so it costs nothing until it is seen again. */
function OnScreenChart(props: React.ComponentProps<typeof MetricChart>) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(true);
  const [shown, setShown] = useState(props);
  if (
    visible &&
    shown !== props &&
    (shown.rows !== props.rows || shown.stale !== props.stale || shown.summary !== props.summary)
  ) {
    setShown(props);
  }
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? true));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref}>
      <MetricChart {...shown} />
    </div>
  );
}
