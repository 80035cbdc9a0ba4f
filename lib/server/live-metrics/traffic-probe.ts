import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getBus } from '../bus';
import { TRANSPORTS, getMetrics, type Transport } from '../metrics';

/** Open connections and message totals per transport, as the Prometheus registry has them now. */
export interface TrafficTotals {
  connections: Record<Transport, number>;
  out: Record<Transport, number>;
  in: Record<Transport, number>;
}

const zeros = () => Object.fromEntries(TRANSPORTS.map((t) => [t, 0])) as Record<Transport, number>;

/**
 * Reads `signalboard_connections` and `signalboard_messages_total` from the registry: the same series
 * Prometheus scrapes, so the panel and a Grafana board never disagree.
 */
export async function readTraffic(): Promise<TrafficTotals> {
  const m = getMetrics();
  const totals: TrafficTotals = { connections: zeros(), out: zeros(), in: zeros() };
  const [connections, messages] = await Promise.all([m.connections.get(), m.messages.get()]);
  for (const { labels, value } of connections.values) {
    const t = labels.transport as Transport;
    if (t in totals.connections) totals.connections[t] = value;
  }
  for (const { labels, value } of messages.values) {
    const t = labels.transport as Transport;
    const direction = labels.direction === 'in' ? totals.in : totals.out;
    if (t in direction) direction[t] = value;
  }
  return totals;
}

/** Counts events published on the bus (every stream, durable or not). */
export function countBusEvents(): { total: () => number; stop: () => void } {
  let total = 0;
  const stop = getBus().subscribe(() => total++);
  return { total: () => total, stop };
}

/** The database file and its write-ahead log, in bytes (0 when a file does not exist yet). */
export async function readStoreSize(dataDir: string): Promise<{ db: number; wal: number }> {
  const size = (name: string) =>
    fs.stat(path.join(dataDir, name)).then(
      (s) => s.size,
      () => 0,
    );
  const [db, wal] = await Promise.all([size('signalboard.db'), size('signalboard.db-wal')]);
  return { db, wal };
}
