'use client';

import { useEffect, useRef, useState } from 'react';
import { topicMatches } from '../../events/mqtt-topics';
import {
  MAX_SERIES_PER_METRIC,
  MAX_SERIES_PER_QUERY,
  SENSOR_RANGES,
  type SensorRange,
} from '../../events/sensor-ranges';
import { useLiveEvent } from '../use-live-events';
import { appendPoint } from './series-buffer';
import { fetchSeries } from './sensors-api';
import type { SeriesResultView } from './sensor-schemas';

const LIVE_FLUSH_MS = 500;
const REFETCH_MS = 60_000;

type Reading = { deviceId: string; topic: string; values: Record<string, number>; time: number };

export interface SeriesState {
  result: SeriesResultView;
  loading: boolean;
  error: string | null;
}

function applyLive(result: SeriesResultView, readings: Reading[], filter: string): SeriesResultView {
  const windowMs = SENSOR_RANGES[result.range].spanMs;
  const series = [...result.series];
  for (const r of readings) {
    for (const [metric, value] of Object.entries(r.values)) {
      const topic = `${r.topic}/${metric}`;
      if (!topicMatches(filter, topic)) continue;
      let at = series.findIndex((s) => s.topic === topic);
      if (at < 0) {
        // New topics matching the filter join live, within the same caps as the API's.
        if (series.length >= MAX_SERIES_PER_QUERY) continue;
        if (series.filter((x) => x.metric === metric).length >= MAX_SERIES_PER_METRIC) continue;
        series.push({
          topic,
          deviceId: r.deviceId,
          location: r.topic,
          metric,
          lastValue: null,
          lastTs: null,
          points: [],
        });
        at = series.length - 1;
      }
      const s = series[at]!;
      series[at] = {
        ...s,
        lastValue: value,
        lastTs: r.time,
        points: appendPoint(s.points, [r.time, value, value, value], 300, windowMs),
      };
    }
  }
  return { ...result, series, to: Date.now() };
}

/**
 * The series of a selection (MQTT filter and range). Loads from the API; in the live range, readings
 * from the event stream are appended (twice a second, bounded per series); other ranges reload
 * every minute.
 */
export function useSeries(initial: SeriesResultView, filter: string, range: SensorRange): SeriesState {
  const [state, setState] = useState<SeriesState>({ result: initial, loading: false, error: null });
  const pending = useRef<Reading[]>([]);
  const loadedFor = useRef(`${initial.filter}|${initial.range}`);

  useEffect(() => {
    const controller = new AbortController();
    const load = () => {
      setState((s) => ({ ...s, loading: true }));
      fetchSeries(filter, range, controller.signal)
        .then((result) => {
          loadedFor.current = `${filter}|${range}`;
          setState((s) =>
            result.ok
              ? { result: result.value, loading: false, error: null }
              : { ...s, loading: false, error: result.error },
          );
        })
        .catch(() => undefined);
    };
    if (loadedFor.current !== `${filter}|${range}`) load();
    const timer = range === 'live' ? null : setInterval(load, REFETCH_MS);
    return () => {
      controller.abort();
      if (timer) clearInterval(timer);
    };
  }, [filter, range]);

  useLiveEvent('sensor-reading', (event) => {
    if (range === 'live') pending.current.push(event.data);
  });

  useEffect(() => {
    if (range !== 'live') return;
    const timer = setInterval(() => {
      if (pending.current.length === 0 || loadedFor.current !== `${filter}|${range}`) return;
      const batch = pending.current;
      pending.current = [];
      setState((s) => ({ ...s, result: applyLive(s.result, batch, filter) }));
    }, LIVE_FLUSH_MS);
    return () => clearInterval(timer);
  }, [filter, range]);

  return state;
}
