'use client';

import { useEffect, useRef, useState } from 'react';
import { useLiveConnection, useLiveEvent } from '../use-live-events';
import { fetchOverview } from './sensors-api';
import type { AlertView, SensorDeviceView, SensorsOverviewView } from './sensor-schemas';

const REFRESH_MS = 30_000;
const READINGS_FLUSH_MS = 1_000;

type Reading = { deviceId: string; topic: string; values: Record<string, number>; time: number };

function applyReadings(devices: SensorDeviceView[], readings: Reading[], now: number): SensorDeviceView[] {
  const byDevice = new Map<string, Reading[]>();
  for (const r of readings) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
  return devices.map((device) => {
    const mine = byDevice.get(device.id);
    if (!mine) return device;
    const metrics = [...device.metrics];
    for (const r of mine) {
      for (const [metric, value] of Object.entries(r.values)) {
        const topic = `${r.topic}/${metric}`;
        const at = metrics.findIndex((m) => m.topic === topic);
        const entry = { metric, topic, lastValue: value, lastTs: r.time };
        if (at >= 0) metrics[at] = entry;
        else metrics.push(entry);
      }
    }
    return { ...device, metrics, lastSeen: now, state: device.state === 'offline' ? device.state : 'online' };
  });
}

function countStates(devices: readonly SensorDeviceView[]) {
  const counts = { total: 0, online: 0, silent: 0, offline: 0 };
  for (const d of devices) {
    if (d.revokedAt !== null) continue;
    counts.total++;
    counts[d.state]++;
  }
  return counts;
}

/**
 * The sensors overview, live: starts from the server render, applies `device-status` and
 * `sensor-alert` events as they come, folds readings into the latest values once a second (a fleet
 * must not redraw the page per reading), and reloads every 30 s and after a reconnect.
 */
export function useSensorsOverview(
  initial: SensorsOverviewView,
): SensorsOverviewView & { refresh: () => void } {
  const [state, setState] = useState(initial);
  const readings = useRef<Reading[]>([]);
  const initialEventId = useRef(initial.lastEventId);
  const { store } = useLiveConnection();

  const refresh = () => {
    void fetchOverview().then((result) => {
      if (result.ok) setState(result.value);
    });
  };

  useLiveEvent('device-status', (event) => {
    const d = event.data;
    setState((s) => {
      const devices = s.devices.map((device) =>
        device.id === d.deviceId
          ? {
              ...device,
              online: d.online,
              state: d.state ?? (d.online ? 'online' : 'offline'),
              statusReason: d.reason ?? device.statusReason,
              lastSeen: d.lastSeen ?? device.lastSeen,
              lastDisconnectAt: d.online ? device.lastDisconnectAt : event.ts,
              lastConnectAt: d.online && d.reason === 'connected' ? event.ts : device.lastConnectAt,
            }
          : device,
      );
      return { ...s, devices, counts: countStates(devices) };
    });
    // A device we have never seen: load it with its metrics.
    if (!state.devices.some((device) => device.id === d.deviceId)) refresh();
  });

  useLiveEvent('sensor-alert', (event) => {
    const alert: AlertView = { id: event.id ?? 0, ts: event.ts, ...event.data };
    setState((s) => ({ ...s, alerts: [alert, ...s.alerts].slice(0, 20) }));
  });

  useLiveEvent('sensor-reading', (event) => {
    readings.current.push(event.data);
  });

  useEffect(() => {
    const flush = setInterval(() => {
      if (readings.current.length === 0) return;
      const batch = readings.current;
      readings.current = [];
      setState((s) => ({ ...s, devices: applyReadings(s.devices, batch, Date.now()) }));
    }, READINGS_FLUSH_MS);
    const reload = setInterval(refresh, REFRESH_MS);
    // A reconnect may have missed anything: reload. The first connect (or a stream already open when
    // the page mounts) only when the stream has moved on since the server render: events in between
    // were published before this page subscribed.
    const renderedAt = initialEventId.current;
    let first = store.getHello() === null;
    if (!first && store.newestEventId() > renderedAt) refresh();
    const offHello = store.onHello((hello) => {
      if (!first || hello.lastId > renderedAt) refresh();
      first = false;
    });
    return () => {
      clearInterval(flush);
      clearInterval(reload);
      offHello();
    };
  }, [store]);

  return { ...state, refresh };
}
