import 'server-only';
import { dropProcessWide, processWide } from '../process-wide';
import { readTraffic } from '../live-metrics/traffic-probe';
import type { Service } from '../services';
import { TransportStatsCollector } from './collector';
import { readQuic } from './quic-probe';

/** The process's collector (route handlers reach it through globalThis, see process-wide.ts). */
export function transportStats(): TransportStatsCollector {
  return processWide('transport-stats', () => {
    const collector = new TransportStatsCollector({
      traffic: readTraffic,
      quic: readQuic,
      now: () => Date.now(),
    });
    collector.start();
    return collector;
  });
}

/** Starts the per-second snapshots with the server, so the page has rates from its first load. */
export const transportStatsService: Service = {
  name: 'transport stats',
  start() {
    transportStats();
  },
  stop() {
    transportStats().stop();
    dropProcessWide('transport-stats');
  },
};
