import 'server-only';
import type { Service } from '../services';
import { getSseHub } from '../sse';
import { getDb } from '../store';
import { pruneDeliveries } from '../webhooks/deliveries';
import { listDeploys, pruneDeploys, runningDeploys } from './store';

const DAY_MS = 24 * 3600 * 1000;
let timer: NodeJS.Timeout | undefined;

/** What a client needs to draw the deploys view on (re)connect, before any event arrives. */
export function deploysSnapshot() {
  const db = getDb();
  return { running: runningDeploys(db), recent: listDeploys(db, { limit: 20 }) };
}

/** Registers the deploy snapshot with the SSE hub and applies the history retention daily. */
export const deploysService: Service = {
  name: 'deploys',
  start({ env }) {
    getSseHub().setSnapshot('deploys', deploysSnapshot);
    const prune = () => {
      try {
        const db = getDb();
        const removed = pruneDeploys(db, env.DEPLOY_RETENTION_DAYS * DAY_MS);
        pruneDeliveries(db, 7 * DAY_MS);
        if (removed)
          console.log(`[deploys] pruned ${removed} deploys older than ${env.DEPLOY_RETENTION_DAYS} days`);
      } catch (error) {
        console.error('[deploys] pruning failed:', error);
      }
    };
    prune();
    timer = setInterval(prune, 6 * 3600 * 1000);
    timer.unref();
  },
  stop() {
    clearInterval(timer);
  },
};
