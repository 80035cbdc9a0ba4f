import 'server-only';
import { getBus } from '../bus';
import { getCluster } from '../scale/cluster';
import { runMonitorsOnce } from '../scale/monitor-lease';
import type { Service } from '../services';
import { getSseHub } from '../sse';
import { getDb } from '../store';
import { MonitorEngine } from './engine';
import { pruneHistory } from './history';
import { Notifier } from './notify/queue';
import { stopPublicStream } from './public-stream';
import { CheckRecorder } from './recorder';
import { setMonitorEngine, setMonitorForwarder } from './runtime';
import { seedMonitors } from './seed';
import { monitorsSnapshot } from './views';

/** How long history is kept: raw checks, hourly and daily rollups (days). */
export const RETENTION = { checkDays: 14, hourDays: 90, dayDays: 400 } as const;
const PRUNE_EVERY_MS = 3600 * 1000;

let engine: MonitorEngine | null = null;
let notifier: Notifier | null = null;
let pruneTimer: NodeJS.Timeout | undefined;
let stopLease: (() => Promise<void>) | null = null;

/** The running notifier (for the API's delivery log and test sends). */
export function getNotifier(): Notifier | null {
  return (
    (globalThis as Record<symbol, Notifier | undefined>)[Symbol.for('signalboard.monitor-notifier')] ?? null
  );
}

/**
 * Uptime monitors: seeds MONITORS_FILE (a bad file stops the start), starts the engine, registers the
 * `monitors` snapshot for the SSE hello, and applies the history retention hourly. With several
 * instances (REDIS_URL) only the holder of the monitors lease runs the engine.
 */
export const monitorsService: Service = {
  name: 'monitors',
  start({ env }) {
    const db = getDb();
    const log = (line: string) => console.log(line);
    if (env.MONITORS_FILE) seedMonitors(db, env.MONITORS_FILE, log);
    notifier = new Notifier({ log });
    (globalThis as Record<symbol, Notifier | undefined>)[Symbol.for('signalboard.monitor-notifier')] =
      notifier;
    const current = notifier;
    const run = () => {
      const started = new MonitorEngine(db, new CheckRecorder(db, getBus(), current), { log });
      engine = started;
      setMonitorEngine(started);
      started.start();
      return {
        control: started,
        stop: () => {
          started.stop();
          if (engine === started) engine = null;
          setMonitorEngine(null);
        },
      };
    };
    const cluster = getCluster();
    if (cluster) stopLease = runMonitorsOnce(cluster, run, setMonitorForwarder);
    else run();
    getSseHub().setSnapshot('monitors', () => monitorsSnapshot(getDb()));
    const prune = () => {
      try {
        const removed = pruneHistory(getDb(), RETENTION);
        if (removed) log(`[monitors] pruned ${removed} old checks and rollups`);
      } catch (error) {
        console.error('[monitors] pruning failed:', error);
      }
    };
    prune();
    pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    pruneTimer.unref();
  },
  async stop() {
    clearInterval(pruneTimer);
    await stopLease?.();
    stopLease = null;
    engine?.stop();
    notifier?.stop();
    setMonitorEngine(null);
    stopPublicStream();
  },
};
